"""The desktop app: PySide6 widgets over the sdk, through one bridge of Qt signals."""
