"""What the client's features (audio, call quality) get of the client: narrow protocols,
so a feature never holds the facade and can be built in a test from a fake."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from av import AudioFrame

    from ...media.session import AudioSource, MediaSession
    from ..core.call import CallSession
    from ..core.events import Listener
    from ..core.tasks import Spawner


class CallsView(Protocol):
    """The client's calls as a feature reads them."""

    @property
    def current(self) -> CallSession | None:
        """The outgoing or answered call, if any."""

    @property
    def ringing(self) -> Mapping[str, CallSession]:
        """Incoming calls ringing, by call UUID, oldest first."""

    @property
    def last_refused(self) -> CallSession | None:
        """The last incoming call do-not-disturb refused."""


class MediaHooks(Protocol):
    """Where a call's media gets its sound and who sees it: set by the audio engine and
    the quality monitor (and by bots and test rigs)."""

    #: Makes each call's outgoing audio (None: silence).
    audio_source_factory: Callable[[], AudioSource] | None
    #: Get the far end's decoded audio.
    remote_audio_listeners: list[Callable[[AudioFrame], None]]
    #: Called with each call's new media before its offer or answer is made.
    media_listeners: list[Callable[[MediaSession], None]]


class FeatureHost(Protocol):
    """The client as a feature sees it: options, calls, events and its tasks."""

    @property
    def options(self) -> Mapping[str, Any]:
        """The client's validated options (the seed's keys)."""

    @property
    def calls(self) -> CallsView:
        """The client's calls."""

    @property
    def media(self) -> MediaHooks:
        """The hooks into every call's media."""

    @property
    def username(self) -> str | None:
        """Who is logged in (None: nobody)."""

    def on(self, event: str, listener: Listener) -> None:
        """Listen to one of the seed's events."""

    def emit(self, event: str, *args: Any) -> None:
        """Tell the application: one of the seed's events with its payload."""

    @property
    def tasks(self) -> Spawner:
        """Starts the feature's background tasks; the client cancels them on close."""


class CaptureObserver(Protocol):
    """What the audio engine tells the quality monitor about the microphone."""

    #: The level of what we send in dBFS (None: not measured), polled per sample.
    local_level: Callable[[], float | None] | None

    def muted_capture(self, frame: npt.NDArray[np.int16]) -> None:
        """A captured frame while muted (to warn that the user talks while muted)."""

    def microphone_lost(self) -> None:
        """The call's microphone went away with no other to use."""

    def microphone_restored(self) -> None:
        """The call's microphone delivers audio again."""
