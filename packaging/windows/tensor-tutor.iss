; Inno Setup 6 script: a Windows installer around the PyInstaller one-folder bundle.
; NOT built on the Linux machines of this project; see packaging/README.md for the steps.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\tensor-tutor.iss
;
; Expects dist\tensor-tutor\ (tensor-tutor.exe + _internal\) built on Windows with
; packaging\tensor-tutor.spec; writes dist\tensor-tutor-<version>-windows-x64-setup.exe.
; Paths are relative to this file's folder.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z tensor-tutor.iss
#endif

[Setup]
AppId={{6B0E4C1A-7D2F-4B8E-9A35-2C7F1E9D4A60}
AppName=Tensor Tutor
AppVersion={#AppVersion}
AppVerName=Tensor Tutor {#AppVersion}
AppPublisher=Tensor Tutor team
DefaultDirName={autopf}\Tensor Tutor
DefaultGroupName=Tensor Tutor
DisableProgramGroupPage=yes
; Per-user install by default (no administrator rights needed); the learner may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=tensor-tutor-{#AppVersion}-windows-x64-setup
SetupIconFile=..\icons\tensor-tutor.ico
UninstallDisplayIcon={app}\tensor-tutor.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup releases that ship Languages\ChineseSimplified.isl can offer a Chinese wizard:
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\tensor-tutor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Tensor Tutor"; Filename: "{app}\tensor-tutor.exe"
Name: "{autodesktop}\Tensor Tutor"; Filename: "{app}\tensor-tutor.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\tensor-tutor.exe"; Description: "{cm:LaunchProgram,Tensor Tutor}"; Flags: nowait postinstall skipifsilent
