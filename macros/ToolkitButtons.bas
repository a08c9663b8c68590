Attribute VB_Name = "ToolkitButtons"
Option Explicit
' The buttons of the toolkit's workbooks. Each one only hands over to Python:
' toolkit.buttons.handlers reads this workbook, calls the toolkit and writes back.
' RunPython comes from the xlwings module in this workbook (no add-in needed);
' its settings are on the hidden sheet xlwings.conf. Generated from macros/*.bas.

Sub Check()
    RunPython "import toolkit.buttons.handlers as h; h.check()"
End Sub

Sub Compute()
    RunPython "import toolkit.buttons.handlers as h; h.compute()"
End Sub

Sub Submit()
    RunPython "import toolkit.buttons.handlers as h; h.submit()"
End Sub

Sub ComputeSplit()
    RunPython "import toolkit.buttons.handlers as h; h.compute_split()"
End Sub
