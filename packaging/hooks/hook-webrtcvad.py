# PyInstaller's contributed hook for ``webrtcvad`` copies the metadata of a distribution
# named "webrtcvad"; Webphone installs the same module from "webrtcvad-wheels", whose
# metadata this copies instead (the contributed hook fails the build on it).
from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
