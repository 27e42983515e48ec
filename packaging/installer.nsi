; ITA Desktop installer (NSIS 3, Unicode; Thai is one of NSIS's own languages).
; Per-user, no admin rights: %LOCALAPPDATA%\Programs\ITA Desktop. Build on Windows after
; PyInstaller, from the repository root (the version defaults to pyproject.toml's):
;     makensis "/DAPPDIR=..\build\pyinstaller\dist\ITA Desktop" packaging\installer.nsi
; Saved as UTF-8 WITH a byte-order mark: without it makensis reads the script in the system's
; code page (CP874 on a Thai Windows) and the Thai breaks. Keep the BOM when editing.
; makensis on Linux builds it too (tests/e2e/test_packaging.py, packaging/README.md).
Unicode true
!include "MUI2.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  ; the first `version = "…"` line of pyproject.toml ([project]'s); paths are from this folder
  !searchparse /file "..\pyproject.toml" 'version = "' VERSION '"'
!endif
!ifndef APPDIR
  !define APPDIR "..\build\pyinstaller\dist\ITA Desktop"
!endif
!ifndef OUTDIR
  !define OUTDIR "..\build"
!endif
!ifndef ICON
  ; drawn by tools/make_icon.py; the exes carry it too (packaging/ita-desktop.spec)
  !define ICON "..\resources\icons\ita-desktop.ico"
!endif
!define APPKEY "Software\ITA Desktop"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ITA Desktop"
!define FILECLASS "ITADesktop.File"
!define SMFOLDER "ITA Desktop"
!define SHORTCUT "ITA Desktop ข้อมูล ITA ของหน่วยงาน"
!define UNSHORTCUT "ถอนการติดตั้ง ITA Desktop"

Name "ITA Desktop"
Caption "ติดตั้ง ITA Desktop ${VERSION}"
OutFile "${OUTDIR}\ITA-Desktop-${VERSION}-setup.exe"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\ITA Desktop"
InstallDirRegKey HKCU "${APPKEY}" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "ITA Desktop ${VERSION}"
ManifestDPIAware true  ; sharp text at 125 % and 150 % scaling, not a blurred bitmap

!define MUI_ABORTWARNING
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\ita-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "เปิด ITA Desktop"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Thai"

Function .onInit
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "ITA Desktop ต้องใช้ Windows 10 หรือใหม่กว่า (64 บิต)$\nเครื่องนี้ใช้ Windows รุ่นเก่าเกินไป จึงติดตั้งไม่ได้" /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "ITA Desktop ต้องใช้ Windows แบบ 64 บิต$\nเครื่องนี้เป็นแบบ 32 บิต จึงติดตั้งไม่ได้" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

; A running ITA Desktop (the window, its print worker, a self-test) holds its exe: Windows
; refuses to open a running exe for writing. Asked before anything is removed or replaced.
!macro WAIT_UNTIL_CLOSED UN
Function ${UN}WaitUntilClosed
  ${Do}
    StrCpy $1 ""
    ${If} ${FileExists} "$INSTDIR\ita-desktop.exe"
      ClearErrors
      FileOpen $0 "$INSTDIR\ita-desktop.exe" a
      ${If} ${Errors}
        StrCpy $1 "busy"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\ita-desktop-cli.exe"
      ClearErrors
      FileOpen $0 "$INSTDIR\ita-desktop-cli.exe" a
      ${If} ${Errors}
        StrCpy $1 "busy"
      ${Else}
        FileClose $0
      ${EndIf}
    ${EndIf}
    ${If} $1 == ""
      ${Break}
    ${EndIf}
    ${IfNot} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "ITA Desktop ยังเปิดอยู่$\nกรุณาบันทึกงานและปิดโปรแกรม ITA Desktop ทุกหน้าต่าง แล้วกด ลองใหม่ (Retry)" /SD IDCANCEL IDRETRY`
      Abort
    ${EndIf}
  ${Loop}
FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Section "ITA Desktop" SecMain
  SectionIn RO
  Call WaitUntilClosed
  ; an upgrade: the old version's _internal goes first (files a new version no longer has
  ; would stay and be loaded). Only that folder: the clerk's .ita files are in Documents, the
  ; settings and crash reports in %APPDATA%\ita-desktop, never here.
  ${If} ${FileExists} "$INSTDIR\ita-desktop.exe"
    RMDir /r "$INSTDIR\_internal"
  ${EndIf}
  SetOutPath "$INSTDIR"
  File "${APPDIR}\ita-desktop.exe"
  File "${APPDIR}\ita-desktop-cli.exe"
  File /r "${APPDIR}\_internal"
  File "/oname=ita-desktop.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu: a folder with the app and its uninstaller; the desktop: the app
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"  ; where earlier installers put it, outside a folder
  CreateDirectory "$SMPROGRAMS\${SMFOLDER}"
  CreateShortcut "$SMPROGRAMS\${SMFOLDER}\${SHORTCUT}.lnk" "$INSTDIR\ita-desktop.exe" "" "$INSTDIR\ita-desktop.ico" 0
  CreateShortcut "$SMPROGRAMS\${SMFOLDER}\${UNSHORTCUT}.lnk" "$INSTDIR\uninstall.exe" "" "$INSTDIR\uninstall.exe" 0
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\ita-desktop.exe" "" "$INSTDIR\ita-desktop.ico" 0

  ; our file type, for this user only (no admin rights needed)
  WriteRegStr HKCU "Software\Classes\.ita" "" "${FILECLASS}"
  WriteRegStr HKCU "Software\Classes\${FILECLASS}" "" "ไฟล์ข้อมูล ITA Desktop"
  WriteRegStr HKCU "Software\Classes\${FILECLASS}\DefaultIcon" "" "$INSTDIR\ita-desktop.ico,0"
  WriteRegStr HKCU "Software\Classes\${FILECLASS}\shell\open\command" "" '"$INSTDIR\ita-desktop.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${APPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "ITA Desktop"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "ITA Desktop"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\ita-desktop.ico"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ; the size Settings › Apps shows, in KB, of the folder as installed
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; only what we installed: the clerk's .ita files live in Documents and on USB sticks, the
  ; settings and crash reports in %APPDATA%\ita-desktop; all are kept
  Call un.WaitUntilClosed
  Delete "$INSTDIR\ita-desktop.exe"
  Delete "$INSTDIR\ita-desktop-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\ita-desktop.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${SMFOLDER}\${SHORTCUT}.lnk"
  Delete "$SMPROGRAMS\${SMFOLDER}\${UNSHORTCUT}.lnk"
  RMDir "$SMPROGRAMS\${SMFOLDER}"
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  ReadRegStr $0 HKCU "Software\Classes\.ita" ""
  ${If} $0 == "${FILECLASS}"
    DeleteRegKey HKCU "Software\Classes\.ita"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${FILECLASS}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "${APPKEY}"
SectionEnd
