Attribute VB_Name = "ToolkitServer"
Option Explicit
' The buttons of the toolkit's workbooks for PCs without Python. Check and Compute send the
' workbook's values to the region's toolkit service through xlwings' RunServerPython (module
' Remote, with VBA-Web's WebClient, WebRequest, WebResponse, WebHelpers, IWebAuthenticator) and
' run the changes it answers. Submit sends the workbook file itself, so the archive holds exactly
' what was sent. xlwings (BSD 3-clause, module xlwings) and VBA-Web (MIT, (c) Tim Hall) keep their
' licence notices at the top of their modules. Generated from macros/*.bas; the constants below
' are filled in when the workbook is built (toolkit xlsm --server URL).

Private Const TOOLKIT_SERVER As String = ""
Private Const TOOLKIT_TOKEN As String = ""
Private Const TOOLKIT_SUBMIT_TITLE As String = ""
Private Const TOOLKIT_NO_TOKEN As String = ""
Private Const TOOLKIT_UNREACHABLE As String = ""
Private Const TOOLKIT_USE_PAGE As String = ""

Sub Check()
    ToolkitRun "check"
End Sub

Sub Compute()
    ToolkitRun "compute"
End Sub

Sub ComputeSplit()
    ToolkitRun "compute"
End Sub

Sub Submit()
    ToolkitSubmit
End Sub

Private Sub ToolkitRun(buttonName As String)
    If TOOLKIT_TOKEN = "" Then
        MsgBox TOOLKIT_NO_TOKEN, vbExclamation
        Exit Sub
    End If
    RunServerPython TOOLKIT_SERVER & "/api/buttons/" & buttonName, auth:="Bearer " & TOOLKIT_TOKEN, _
        timeout:=60000, enableAutoProxy:="True"
End Sub

Private Sub ToolkitSubmit()
    If TOOLKIT_TOKEN = "" Then
        MsgBox TOOLKIT_NO_TOKEN, vbExclamation, TOOLKIT_SUBMIT_TITLE
        Exit Sub
    End If
#If Mac Then
    MsgBox TOOLKIT_USE_PAGE & vbLf & vbLf & TOOLKIT_SERVER & "/m/" & TOOLKIT_TOKEN, vbInformation, TOOLKIT_SUBMIT_TITLE
#Else
    Dim wb As Workbook, folder As String, copyPath As String, fileNo As Integer, size As Long
    Dim body() As Byte, http As Object
    Set wb = ThisWorkbook
    ' The copy always goes to the temp folder: on OneDrive or SharePoint FullName is a URL.
    folder = Environ$("TEMP")
    If folder = "" Then folder = Environ$("TMP")
    Randomize
    copyPath = folder & "\toolkit-" & Format$(Now, "yyyymmdd-hhnnss") & "-" & CStr(Int(Rnd() * 1000000)) _
        & ToolkitExtension(wb.Name)
    On Error GoTo Failed
    wb.SaveCopyAs copyPath
    fileNo = FreeFile
    Open copyPath For Binary Access Read As #fileNo
    size = LOF(fileNo)
    ReDim body(0 To size - 1)
    Get #fileNo, , body
    Close #fileNo
    fileNo = 0
    Kill copyPath
    copyPath = ""
    ' MSXML2.XMLHTTP goes through the PC's Internet settings (proxy) as the browser does.
    Set http = CreateObject("MSXML2.XMLHTTP.6.0")
    http.Open "POST", TOOLKIT_SERVER & "/api/submit", False
    http.setRequestHeader "Authorization", "Bearer " & TOOLKIT_TOKEN
    http.setRequestHeader "Content-Type", "application/octet-stream"
    http.setRequestHeader "X-File-Name", ToolkitPercentEncode(wb.Name)
    http.send body
    ToolkitShowAnswer http.Status, http.responseText
    Exit Sub
Failed:
    Dim reason As String
    reason = Err.Description
    On Error Resume Next
    If fileNo <> 0 Then Close #fileNo
    If copyPath <> "" Then Kill copyPath
    MsgBox TOOLKIT_UNREACHABLE & vbLf & vbLf & reason, vbCritical, TOOLKIT_SUBMIT_TITLE
#End If
End Sub

' The service's answer: {"status": "received"|"duplicate"|"refused", "message", "findings": [...]}.
Private Sub ToolkitShowAnswer(httpStatus As Long, content As String)
    Dim answer As Object, finding As Variant, message As String, outcome As String, shown As Long, icon As Long
    On Error Resume Next
    Set answer = ParseJson(content)
    On Error GoTo 0
    If answer Is Nothing Then
        MsgBox TOOLKIT_UNREACHABLE & vbLf & vbLf & httpStatus & " " & Left$(content, 300), vbCritical, _
            TOOLKIT_SUBMIT_TITLE
        Exit Sub
    End If
    message = "" & answer("message")
    If answer.Exists("findings") Then
        For Each finding In answer("findings")
            If shown = 12 Then
                message = message & vbLf & "..."
                Exit For
            End If
            message = message & vbLf & "- " & finding("sheet") & " " & finding("cell") & ": " & finding("message")
            shown = shown + 1
        Next finding
    End If
    outcome = "" & answer("status")
    icon = vbCritical
    If httpStatus = 200 And (outcome = "received" Or outcome = "duplicate") Then icon = vbInformation
    MsgBox Left$(message, 1000), icon, TOOLKIT_SUBMIT_TITLE
End Sub

Private Function ToolkitExtension(bookName As String) As String
    If InStrRev(bookName, ".") > 0 Then
        ToolkitExtension = Mid$(bookName, InStrRev(bookName, "."))
    Else
        ToolkitExtension = ".xlsm"
    End If
End Function

' The file name as UTF-8, every byte but A-Z a-z 0-9 - . _ ~ as %XX (the X-File-Name header).
Private Function ToolkitPercentEncode(plain As String) As String
    Dim i As Long, code As Long, low As Long, encoded As String
    i = 1
    Do While i <= Len(plain)
        code = AscW(Mid$(plain, i, 1)) And &HFFFF&
        If code >= &HD800& And code <= &HDBFF& And i < Len(plain) Then
            low = AscW(Mid$(plain, i + 1, 1)) And &HFFFF&
            code = &H10000 + (code - &HD800&) * &H400& + (low - &HDC00&)
            i = i + 1
        End If
        If (code >= 48 And code <= 57) Or (code >= 65 And code <= 90) Or (code >= 97 And code <= 122) _
                Or code = 45 Or code = 46 Or code = 95 Or code = 126 Then
            encoded = encoded & ChrW(code)
        ElseIf code < &H80& Then
            encoded = encoded & ToolkitHex(code)
        ElseIf code < &H800& Then
            encoded = encoded & ToolkitHex(&HC0& Or (code \ &H40&)) & ToolkitHex(&H80& Or (code And &H3F&))
        ElseIf code < &H10000 Then
            encoded = encoded & ToolkitHex(&HE0& Or (code \ &H1000&)) _
                & ToolkitHex(&H80& Or ((code \ &H40&) And &H3F&)) & ToolkitHex(&H80& Or (code And &H3F&))
        Else
            encoded = encoded & ToolkitHex(&HF0& Or (code \ &H40000)) _
                & ToolkitHex(&H80& Or ((code \ &H1000&) And &H3F&)) _
                & ToolkitHex(&H80& Or ((code \ &H40&) And &H3F&)) & ToolkitHex(&H80& Or (code And &H3F&))
        End If
        i = i + 1
    Loop
    ToolkitPercentEncode = encoded
End Function

Private Function ToolkitHex(value As Long) As String
    ToolkitHex = "%" & Right$("0" & Hex$(value), 2)
End Function
