<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="52" />
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="53" />
        <source>Current call</source>
        <translation>Aktueller Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="60" />
        <source>Remote party</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="67" />
        <source>Call state</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="70" />
        <source>Call duration</source>
        <translation>Anrufdauer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="74" />
        <source>Key presses</source>
        <translation>Tastendrücke</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="77" />
        <location filename="../app/webphone/ui/call_panel.py" line="177" />
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="80" />
        <source>Mute microphone</source>
        <translation>Mikrofon stummschalten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="82" />
        <location filename="../app/webphone/ui/call_panel.py" line="84" />
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="142" />
        <source>No call</source>
        <translation>Kein Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="143" />
        <source>Calling…</source>
        <translation>Wähle…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="144" />
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="145" />
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="146" />
        <source>Call ended</source>
        <translation>Anruf beendet</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="150" />
        <source>Call ended: %1</source>
        <translation>Anruf beendet: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="153" />
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="156" />
        <source>Keys sent: %1</source>
        <translation>Gesendete Tasten: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="158" />
        <source>received: %1</source>
        <translation>empfangen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="177" />
        <source>Unmute</source>
        <translation>Stumm aus</translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="20" />
        <source>Dial pad</source>
        <translation>Wähltastatur</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="29" />
        <source>Key %1</source>
        <translation>Taste %1</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="315" />
        <source>How was the call?</source>
        <translation>Wie war der Anruf?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="324" />
        <source>%1 of 5 stars</source>
        <translation>%1 von 5 Sternen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="333" />
        <source>Audio lag</source>
        <translation>Verzögerter Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="334" />
        <source>Broken audio</source>
        <translation>Abgehackter Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="335" />
        <source>Call dropped</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="336" />
        <source>Caller ID issues</source>
        <translation>Falsche Rufnummer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="337" />
        <source>Digits not captured</source>
        <translation>Tasten nicht erkannt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="338" />
        <source>Echo</source>
        <translation>Echo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="339" />
        <source>Slow to connect</source>
        <translation>Langsamer Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="340" />
        <source>Audio too quiet</source>
        <translation>Ton zu leise</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="341" />
        <source>One-way audio</source>
        <translation>Ton nur in eine Richtung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="342" />
        <source>Robotic audio</source>
        <translation>Blecherner Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="343" />
        <source>Something else</source>
        <translation>Etwas anderes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="346" />
        <source>What went wrong?</source>
        <translation>Was lief schief?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="356" />
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="357" />
        <source>Anything else we should know (optional)</source>
        <translation>Was wir sonst wissen sollten (optional)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="359" />
        <source>Include the call's log</source>
        <translation>Protokoll des Anrufs mitsenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="364" />
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="367" />
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="372" />
        <source>Rate the call:</source>
        <translation>Bewerten Sie den Anruf:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="393" />
        <source>Choose 1 to 5 stars.</source>
        <translation>Wählen Sie 1 bis 5 Sterne.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="395" />
        <source>Tick at least one issue for a rating below 5 stars.</source>
        <translation>Kreuzen Sie bei weniger als 5 Sternen mindestens ein Problem an.</translation>
    </message>
</context>
<context>
    <name>IncomingList</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="75" />
        <location filename="../app/webphone/ui/incoming.py" line="76" />
        <source>Incoming calls</source>
        <translation>Eingehende Anrufe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="80" />
        <source>When answering, the other calls</source>
        <translation>Beim Annehmen: die anderen Anrufe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="82" />
        <source>Reject the others</source>
        <translation>Andere abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="83" />
        <source>Ignore the others</source>
        <translation>Andere ignorieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="84" />
        <source>Let the others ring</source>
        <translation>Andere klingeln lassen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="89" />
        <source>When I answer one:</source>
        <translation>Wenn ich einen annehme:</translation>
    </message>
</context>
<context>
    <name>IncomingRow</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="35" />
        <source>Incoming call from %1</source>
        <extracomment>The seed's ``actionOnOtherIncomingCalls`` values, in the order the combo box offers them.</extracomment>
        <translation>Eingehender Anruf von %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="44" />
        <source>Call headers</source>
        <translation>Kopfzeilen des Anrufs</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="46" />
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="48" />
        <source>Answer call from %1</source>
        <translation>Anruf von %1 annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="50" />
        <source>Reject</source>
        <translation>Abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="52" />
        <source>Reject call from %1</source>
        <translation>Anruf von %1 abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="53" />
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="55" />
        <source>Ignore call from %1</source>
        <translation>Anruf von %1 ignorieren</translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="52" />
        <source>Audio levels</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="65" />
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="66" />
        <source>level</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="69" />
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="72" />
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="61" />
        <source>Account</source>
        <extracomment>The seed's ``submitCallQualityFeedback`` issue list, verbatim (``CALL_DROPPPED`` too).</extracomment>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="65" />
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="66" />
        <source>Local demo service</source>
        <translation>Lokaler Demo-Dienst</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="67" />
        <source>Plivo</source>
        <translation>Plivo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="68" />
        <source>SIP-over-WebSocket server</source>
        <translation>SIP-über-WebSocket-Server</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="72" />
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="75" />
        <source>default: the server's host</source>
        <translation>Vorgabe: Host des Servers</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="76" />
        <source>SIP domain</source>
        <translation>SIP-Domäne</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="79" />
        <source>Login method</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="80" />
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="81" />
        <source>Access token (JWT)</source>
        <translation>Zugriffstoken (JWT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="84" />
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="88" />
        <source>Password or token</source>
        <translation>Passwort oder Token</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="89" />
        <source>kept in the OS keyring</source>
        <translation>wird im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="92" />
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="93" />
        <source>Skip TLS verification (development only)</source>
        <translation>TLS-Prüfung überspringen (nur zur Entwicklung)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="102" />
        <source>Service:</source>
        <translation>Dienst:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="103" />
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="104" />
        <source>Domain:</source>
        <translation>Domäne:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="105" />
        <source>Log in with:</source>
        <translation>Anmelden mit:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="106" />
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="107" />
        <source>Secret:</source>
        <translation>Geheimnis:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="108" />
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="114" />
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="137" />
        <source>A local demo and test service on this computer, with bots to call (echo, busy, noanswer, ring, multi). No account needed.</source>
        <translation>Ein lokaler Demo- und Testdienst auf diesem Rechner, mit Bots zum Anrufen (echo, busy, noanswer, ring, multi). Kein Konto nötig.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="140" />
        <source>Plivo's servers (%1).</source>
        <translation>Die Server von Plivo (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="142" />
        <source>Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH).</source>
        <translation>Jeder SIP-Server, der SIP über WebSocket spricht (Kamailio, Asterisk, FreeSWITCH).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="151" />
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="151" />
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="174" />
        <source>Enter the password or token (it is kept in the OS keyring).</source>
        <translation>Geben Sie Passwort oder Token ein (wird im Schlüsselbund des Systems gespeichert).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="68" />
        <source>Webphone</source>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="78" />
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="83" />
        <source>Account state icon</source>
        <translation>Symbol des Kontostatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="86" />
        <source>Account state</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="88" />
        <source>Account…</source>
        <translation>Konto…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="90" />
        <source>Change account</source>
        <translation>Konto wechseln</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="99" />
        <source>Number, user name or SIP address</source>
        <translation>Nummer, Benutzername oder SIP-Adresse</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="100" />
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="108" />
        <location filename="../app/webphone/ui/main_window.py" line="110" />
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="118" />
        <location filename="../app/webphone/ui/main_window.py" line="121" />
        <location filename="../app/webphone/ui/main_window.py" line="227" />
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="145" />
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="167" />
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="168" />
        <source>&amp;Account…</source>
        <translation>&amp;Konto…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="170" />
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="173" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="179" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="180" />
        <source>&amp;About Webphone</source>
        <translation>Ü&amp;ber Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="206" />
        <source>Audio levels</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="207" />
        <source>Call quality</source>
        <translation>Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="222" />
        <source>demo account</source>
        <translation>Demo-Konto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="227" />
        <source>Demo bots and accounts</source>
        <translation>Demo-Bots und -Konten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="235" />
        <source>returns your voice and key presses</source>
        <translation>gibt Ihre Stimme und Tastendrücke zurück</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="236" />
        <source>is always busy</source>
        <translation>ist immer besetzt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="237" />
        <source>rings and never answers</source>
        <translation>klingelt und nimmt nie ab</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="238" />
        <source>declines and calls you back</source>
        <translation>lehnt ab und ruft Sie zurück</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="239" />
        <source>declines and rings you from three callers at once</source>
        <translation>lehnt ab und ruft Sie von drei Anrufern gleichzeitig an</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="243" />
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="263" />
        <source>Registered as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="265" />
        <source>(local demo service)</source>
        <translation>(lokaler Demo-Dienst)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="269" />
        <source>Login failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="272" />
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="279" />
        <source>Connection lost (%1), reconnecting…</source>
        <translation>Verbindung verloren (%1), verbinde neu…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="432" />
        <source>could not start the call</source>
        <translation>Anruf konnte nicht beginnen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="439" />
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="471" />
        <source>Call in progress</source>
        <translation>Anruf läuft</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="472" />
        <source>A call is ringing or in progress. Quit and end it?</source>
        <translation>Ein Anruf klingelt oder läuft. Beenden und auflegen?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="488" />
        <source>About Webphone</source>
        <translation>Über Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="489" />
        <source>Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.</source>
        <translation>Webphone %1: ein Softphone für SIP-über-WebSocket- und WebRTC-Server.</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="197" />
        <source>Default: %1</source>
        <translation>Vorgabe: %1</translation>
    </message>
</context>
<context>
    <name>QualityChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="141" />
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="142" />
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="143" />
        <source>Packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="144" />
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="151" />
        <source>High jitter</source>
        <translation>Hoher Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="152" />
        <source>High latency</source>
        <translation>Hohe Latenz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="153" />
        <source>High packet loss</source>
        <translation>Hoher Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="154" />
        <source>Low call quality</source>
        <translation>Schlechte Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="155" />
        <source>No microphone</source>
        <translation>Kein Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="156" />
        <source>Network interrupted</source>
        <translation>Netzwerk unterbrochen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="157" />
        <source>Slow network setup</source>
        <translation>Langsamer Netzwerkaufbau</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="158" />
        <source>No audio received</source>
        <translation>Kein Ton empfangen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="168" />
        <source>Call quality</source>
        <translation>Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="177" />
        <location filename="../app/webphone/ui/charts.py" line="245" />
        <location filename="../app/webphone/ui/charts.py" line="260" />
        <source>No quality warnings</source>
        <translation>Keine Qualitätswarnungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="179" />
        <source>Quality warnings</source>
        <translation>Qualitätswarnungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="193" />
        <source>seconds into the call</source>
        <translation>Sekunden seit Anrufbeginn</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="242" />
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="256" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="259" />
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="260" />
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="264" />
        <source>Ask for call-quality feedback after calls</source>
        <translation>Nach Anrufen um eine Bewertung bitten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="266" />
        <source>Closing the window keeps Webphone in the tray</source>
        <translation>Schließen des Fensters lässt Webphone im Infobereich</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="268" />
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="270" />
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="271" />
        <source>A new language applies after a restart.</source>
        <translation>Eine neue Sprache gilt nach einem Neustart.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="278" />
        <source>Phone options (Browser SDK names; apply at next login)</source>
        <translation>Telefonoptionen (Namen des Browser SDK; gelten ab der nächsten Anmeldung)</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="58" />
        <source>Show Webphone</source>
        <translation>Webphone zeigen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="60" />
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="87" />
        <source>Webphone</source>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="91" />
        <source>Missed calls: %1</source>
        <translation>Verpasste Anrufe: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="113" />
        <location filename="../app/webphone/ui/tray.py" line="133" />
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="115" />
        <source>%1 is calling</source>
        <translation>%1 ruft an</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="116" />
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="117" />
        <source>Reject</source>
        <translation>Abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="134" />
        <source>%1 is calling. Click to show Webphone.</source>
        <translation>%1 ruft an. Klicken, um Webphone zu zeigen.</translation>
    </message>
</context>
<context>
    <name>WebphoneApp</name>
    <message>
        <location filename="../app/webphone/ui/app.py" line="106" />
        <source>No password or token stored for %1</source>
        <translation>Kein Passwort oder Token für %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="112" />
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="128" />
        <source>%1 You will be asked again next time.</source>
        <translation>%1 Sie werden beim nächsten Mal erneut gefragt.</translation>
    </message>
</context>
</TS>