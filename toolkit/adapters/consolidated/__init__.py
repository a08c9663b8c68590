"""Writing the consolidated workbook (fast rows, labels, colours) and the figures embedded in it."""
