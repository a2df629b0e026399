# Builds the Windows desktop app: PyInstaller one-folder app in dist\webphone\ and an
# installer dist\webphone-<version>-setup.exe (Inno Setup 6, `iscc` on the PATH).
# Written against PyInstaller's and Inno Setup's documentation; not built on this
# project's Linux CI (see README).
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
if (-not (Test-Path .venv\Scripts\python.exe)) { py -3.12 -m venv .venv }
.venv\Scripts\python -m pip install -q -e ".[build]"
$version = .venv\Scripts\python -c "import webphone; print(webphone.__version__)"
Get-ChildItem translations\*.ts | ForEach-Object {
    .venv\Scripts\pyside6-lrelease -silent $_.FullName -qm ($_.FullName -replace '\.ts$', '.qm')
}
$env:QT_QPA_PLATFORM = "offscreen"
.venv\Scripts\python packaging\export_icons.py packaging\windows\webphone.ico
.venv\Scripts\python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\webphone.spec
iscc /DAppVersion=$version /O"dist" packaging\windows\webphone.iss
