Attribute VB_Name = "ToolkitCoordinator"
Option Explicit
' The buttons of the secretariat's coordinator workbook. Each one only hands over to Python:
' toolkit.buttons.handlers runs the toolkit and writes where the results went into this workbook.
' RunPython comes from the xlwings module in this workbook (no add-in needed);
' its settings are on the hidden sheet xlwings.conf. Generated from macros/*.bas.

Sub Consolidate()
    RunPython "import toolkit.buttons.handlers as h; h.consolidate()"
End Sub

Sub MakeDeck()
    RunPython "import toolkit.buttons.handlers as h; h.make_deck()"
End Sub
