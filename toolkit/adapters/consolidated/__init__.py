"""Writing the consolidated workbook (table rows, labels, colours) and the figures embedded in it."""
