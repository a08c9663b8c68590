"""Write Excel VBA projects (vbaProject.bin) from VBA source text: [MS-CFB] container and [MS-OVBA] streams."""
