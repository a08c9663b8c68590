"""The workbook buttons: RunPython calls toolkit.buttons.handlers, which reads and writes the open book."""
