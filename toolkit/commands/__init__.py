"""Sub-commands of the `toolkit` program, one module each."""
