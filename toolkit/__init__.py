"""Excel-integrated automation for regional business development."""
