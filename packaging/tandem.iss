; Inno Setup script: the Windows installer for Tandem (per user, no administrator rights).
;
;   python packaging/build.py --iss
;   (or: iscc /DAppVersion=0.1.0 packaging\tandem.iss after building dist\Tandem)
;
; The version comes from app/__init__.py alone: build.py passes it with /DAppVersion.
; PrivilegesRequired=lowest never asks for elevation; {autopf} is then
; %LOCALAPPDATA%\Programs and HKA is HKEY_CURRENT_USER.
; The user's programme files (Documents) and backups and logs (%LOCALAPPDATA%\Tandem) are
; never part of the installation, so the uninstaller leaves them where they are.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\tandem.iss (build.py --iss does)
#endif

#define AppName "Tandem"
#define AppExe "Tandem.exe"
#define ProgId "Tandem.ProgramFile"

[Setup]
; A fixed AppId: updates replace the earlier installation instead of adding a second one.
AppId={{6F4B2C8E-5A1D-4E7B-9C3F-2D8A7B6E1F40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
SetupIconFile=..\resources\icons\tandem.ico
UninstallDisplayIcon={app}\{#AppExe}
OutputDir=..\dist
OutputBaseFilename=Tandem-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
CloseApplications=yes

[Languages]
Name: "de"; MessagesFile: "compiler:Languages\German.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
de.FileTypeName=Tandem-Programmdatei
en.FileTypeName=Tandem program file

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The one-folder bundle from PyInstaller, all of it.
Source: "..\dist\Tandem\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; .tandem files open in Tandem. Under HKA\Software\Classes (the user's own classes with
; PrivilegesRequired=lowest); removed again on uninstall.
Root: HKA; Subkey: "Software\Classes\.tandem"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tandem\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:FileTypeName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tandem"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] is left out on purpose: only the files installed from dist\Tandem are
; removed. Programme files, backups, settings and logs stay with the user.
