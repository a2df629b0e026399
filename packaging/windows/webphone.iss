; Inno Setup script for Webphone (per-user install, no admin rights needed).
; Registers tel:, sip:, sips: and callto: links for the user (HKCU\Software\Classes)
; and offers start at login. Built by packaging\windows\build.ps1.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{7B0E4C4E-2B0B-4C55-9B8E-5C1D7D6E2A11}
AppName=Webphone
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\Webphone
DefaultGroupName=Webphone
PrivilegesRequired=lowest
OutputBaseFilename=webphone-{#AppVersion}-setup
SetupIconFile=webphone.ico
UninstallDisplayIcon={app}\webphone.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[Tasks]
Name: "startatlogin"; Description: "Start Webphone when I log in"; Flags: unchecked

[Files]
Source: "..\..\dist\webphone\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Webphone"; Filename: "{app}\webphone.exe"
Name: "{userstartup}\Webphone"; Filename: "{app}\webphone.exe"; Parameters: "--minimized"; Tasks: startatlogin

[Registry]
; One URL protocol per scheme: "webphone.exe <link>" hands the link to the running app.
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueData: "URL:Telephone link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\tel"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueData: """{app}\webphone.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\sip"; ValueType: string; ValueData: "URL:SIP link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\sip"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueData: """{app}\webphone.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\sips"; ValueType: string; ValueData: "URL:SIPS link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\sips"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\sips\shell\open\command"; ValueType: string; ValueData: """{app}\webphone.exe"" ""%1"""
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueData: "URL:Callto link"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\callto"; ValueName: "URL Protocol"; ValueType: string; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueData: """{app}\webphone.exe"" ""%1"""

[Run]
Filename: "{app}\webphone.exe"; Description: "Start Webphone"; Flags: nowait postinstall skipifsilent
