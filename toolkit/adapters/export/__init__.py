"""Tables for analysts: pandas DataFrames as CSV files and as one .xlsx workbook, typed for Excel and Power Query."""
