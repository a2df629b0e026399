<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AudioDevicesDialog</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="97"/>
        <source>Audio devices</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="100"/>
        <source>Microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="101"/>
        <source>Speaker</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="102"/>
        <source>Ringtone device</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="110"/>
        <source>Microphone level</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="113"/>
        <location filename="../app/webphone/ui/devices.py" line="157"/>
        <location filename="../app/webphone/ui/devices.py" line="163"/>
        <source>Test microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="116"/>
        <source>Test the microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="118"/>
        <location filename="../app/webphone/ui/devices.py" line="165"/>
        <source>Speak: the bar follows your microphone.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="122"/>
        <source>No sound devices were found: calls send silence and play nothing.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="128"/>
        <source>Microphone:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="129"/>
        <source>Speaker:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="130"/>
        <source>Ringtone:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="131"/>
        <source>Level:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="160"/>
        <source>Microphone test: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="163"/>
        <source>Stop test</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>CallDetailsDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="275"/>
        <source>Call with %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="278"/>
        <source>incoming</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="278"/>
        <source>outgoing</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="280"/>
        <source>When:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="281"/>
        <source>Who:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="282"/>
        <source>Direction:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="284"/>
        <source>Duration:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="287"/>
        <source>Outcome:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="288"/>
        <source>Codec:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="289"/>
        <source>MOS:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="306"/>
        <source>Feedback</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="317"/>
        <source>Not rated</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="320"/>
        <source>Call again</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="327"/>
        <source>Feedback:</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="61"/>
        <source>Call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="62"/>
        <source>Current call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="69"/>
        <source>Remote party</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="76"/>
        <source>Call state</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="79"/>
        <source>Call duration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="83"/>
        <source>Key presses</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="88"/>
        <source>Audio from the other side</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="92"/>
        <source>Call quality warnings</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="97"/>
        <location filename="../app/webphone/ui/call_panel.py" line="100"/>
        <source>Noise reduction</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="101"/>
        <location filename="../app/webphone/ui/call_panel.py" line="211"/>
        <source>Noise reduction is not available yet</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="104"/>
        <location filename="../app/webphone/ui/call_panel.py" line="259"/>
        <source>Mute</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="107"/>
        <source>Mute microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="109"/>
        <location filename="../app/webphone/ui/call_panel.py" line="111"/>
        <source>Hang up</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="181"/>
        <source>No call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="182"/>
        <source>Calling…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="183"/>
        <source>Ringing…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="184"/>
        <source>Connected</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="185"/>
        <source>Call ended</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="189"/>
        <source>Call ended: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="192"/>
        <source>Ready</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="195"/>
        <source>Keys sent: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="197"/>
        <source>received: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="209"/>
        <source>Filter background noise out of your microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="224"/>
        <source>Audio from the other side: OK</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="227"/>
        <source>No audio from the other side</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="259"/>
        <source>Unmute</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="55"/>
        <source>in what you hear</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="57"/>
        <source>in what the other side hears</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DevicePickers</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="38"/>
        <source>System default</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="62"/>
        <source>Audio devices</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="63"/>
        <source>Microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="64"/>
        <source>Speaker</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="65"/>
        <source>Test and more…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="67"/>
        <source>Audio devices and microphone test</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="70"/>
        <source>Microphone:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="71"/>
        <source>Speaker:</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="28"/>
        <source>Dial pad</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="37"/>
        <source>Key %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="330"/>
        <source>How was the call?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="339"/>
        <source>%1 of 5 stars</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="46"/>
        <source>Audio lag</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="47"/>
        <source>Broken audio</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="48"/>
        <source>Call dropped</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="49"/>
        <source>Caller ID issues</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="50"/>
        <source>Digits not captured</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="51"/>
        <source>Echo</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="52"/>
        <source>Slow to connect</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="53"/>
        <source>Audio too quiet</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="54"/>
        <source>One-way audio</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="55"/>
        <source>Robotic audio</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="56"/>
        <source>Something else</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="349"/>
        <source>What went wrong?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="362"/>
        <source>Note</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="363"/>
        <source>Anything else we should know (optional)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="365"/>
        <source>Include the call&apos;s log</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="372"/>
        <source>Send</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="375"/>
        <source>Skip</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="380"/>
        <source>Rate the call:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="401"/>
        <source>Choose 1 to 5 stars.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="403"/>
        <source>Tick at least one issue for a rating below 5 stars.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="415"/>
        <source>Sending…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="435"/>
        <source>Not sent: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="140"/>
        <source>Call history</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="144"/>
        <source>Past calls</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="147"/>
        <source>When</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="148"/>
        <source>Who</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="149"/>
        <source>Direction</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="150"/>
        <source>Duration</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="151"/>
        <source>Outcome</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="152"/>
        <source>MOS</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="153"/>
        <source>Warnings</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="154"/>
        <source>Rating</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="166"/>
        <source>Loading…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="171"/>
        <source>Details…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="173"/>
        <location filename="../app/webphone/ui/history.py" line="177"/>
        <source>Call again</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="175"/>
        <source>Refresh</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="204"/>
        <source>incoming</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="204"/>
        <source>outgoing</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="206"/>
        <source>in progress</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="226"/>
        <source>No calls recorded yet.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="233"/>
        <source>Cannot read the call history: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="250"/>
        <source>call %1 is not recorded</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>IncomingList</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="81"/>
        <location filename="../app/webphone/ui/incoming.py" line="82"/>
        <source>Incoming calls</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="86"/>
        <source>When answering, the other calls</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="88"/>
        <source>Reject the others</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="89"/>
        <source>Ignore the others</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="90"/>
        <source>Let the others ring</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="95"/>
        <source>When I answer one:</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>IncomingRow</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="41"/>
        <source>Incoming call from %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="50"/>
        <source>Call headers</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="52"/>
        <source>Answer</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="54"/>
        <source>Answer call from %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="56"/>
        <source>Reject</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="58"/>
        <source>Reject call from %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="59"/>
        <source>Ignore</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="61"/>
        <source>Ignore call from %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="54"/>
        <source>Audio levels</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="67"/>
        <source>seconds</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="68"/>
        <source>level</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="71"/>
        <source>Microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="74"/>
        <source>Speaker</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LinkDialler</name>
    <message>
        <location filename="../app/webphone/ui/links.py" line="35"/>
        <source>Cannot call %1: not a tel:, sip: or callto: link</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="47"/>
        <source>Cannot call %1: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="54"/>
        <source>Will call %1 once logged in</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="61"/>
        <source>Call link</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="62"/>
        <source>Call %1?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="68"/>
        <source>Finish the current call to call %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="67"/>
        <source>Account</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="71"/>
        <source>Service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="72"/>
        <source>Local demo service</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="73"/>
        <source>Plivo</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="74"/>
        <source>SIP-over-WebSocket server</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="78"/>
        <source>Server URL</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="81"/>
        <source>default: the server&apos;s host</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="82"/>
        <source>SIP domain</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="85"/>
        <source>Login method</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="86"/>
        <source>User name and password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="87"/>
        <source>Access token (JWT)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="90"/>
        <source>User name</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="94"/>
        <source>Password or token</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="95"/>
        <source>kept in the OS keyring</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="98"/>
        <source>CA certificate file</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="99"/>
        <source>Skip TLS verification (development only)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="108"/>
        <source>Service:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="109"/>
        <source>Server:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="110"/>
        <source>Domain:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="111"/>
        <source>Log in with:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="112"/>
        <source>User:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="113"/>
        <source>Secret:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="114"/>
        <source>CA file:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="120"/>
        <source>Log in</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="143"/>
        <source>A local demo and test service on this computer, with bots to call (echo, busy, noanswer, ring, multi). No account needed.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="146"/>
        <source>Plivo&apos;s servers (%1).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="148"/>
        <source>Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH).</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="157"/>
        <source>Access token</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="157"/>
        <source>Password</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="180"/>
        <source>Enter the password or token (it is kept in the OS keyring).</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="72"/>
        <source>Webphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="83"/>
        <source>Connecting…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="88"/>
        <source>Account state icon</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="91"/>
        <source>Account state</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="93"/>
        <source>Account…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="95"/>
        <source>Change account</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="104"/>
        <source>Number, user name or SIP address</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="105"/>
        <source>Destination</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="113"/>
        <location filename="../app/webphone/ui/main_window.py" line="115"/>
        <source>Call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="123"/>
        <location filename="../app/webphone/ui/main_window.py" line="126"/>
        <location filename="../app/webphone/ui/main_window.py" line="246"/>
        <source>Contacts</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="155"/>
        <source>Charts</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="178"/>
        <source>&amp;Phone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="179"/>
        <source>&amp;Account…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="181"/>
        <source>&amp;Settings…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="184"/>
        <source>&amp;Quit</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="187"/>
        <source>Call &amp;history…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="192"/>
        <source>Audio &amp;devices…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="198"/>
        <source>&amp;Help</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="199"/>
        <source>&amp;About Webphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="225"/>
        <source>Audio levels</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="226"/>
        <source>Call quality</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="241"/>
        <source>demo account</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="246"/>
        <source>Demo bots and accounts</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="259"/>
        <source>returns your voice and key presses</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="260"/>
        <source>is always busy</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="261"/>
        <source>rings and never answers</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="262"/>
        <source>declines and calls you back</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="263"/>
        <source>declines and rings you from three callers at once</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="267"/>
        <source>Cannot start: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="285"/>
        <source>Registered as %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="287"/>
        <source>(local demo service)</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="291"/>
        <source>Login failed: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="294"/>
        <source>Logged out</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="301"/>
        <source>Connection lost (%1), reconnecting…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="482"/>
        <source>Hang up first to call %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="537"/>
        <source>Noise reduction could not be switched on</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="539"/>
        <source>Noise reduction could not be switched off</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="543"/>
        <source>could not start the call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="554"/>
        <source>%1 failed: %2</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="586"/>
        <source>Call in progress</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="587"/>
        <source>A call is ringing or in progress. Quit and end it?</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="603"/>
        <source>About Webphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="604"/>
        <source>Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="203"/>
        <source>Default: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>QualityChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="143"/>
        <source>Jitter</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="144"/>
        <source>Round trip</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="145"/>
        <source>Packet loss</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="146"/>
        <source>MOS</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="20"/>
        <source>High jitter</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="21"/>
        <source>High latency</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="22"/>
        <source>High packet loss</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="23"/>
        <source>Low call quality</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="24"/>
        <source>No microphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="25"/>
        <source>Network interrupted</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="26"/>
        <source>Slow network setup</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="27"/>
        <source>No audio received</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="156"/>
        <source>Call quality</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="165"/>
        <location filename="../app/webphone/ui/charts.py" line="233"/>
        <location filename="../app/webphone/ui/charts.py" line="248"/>
        <location filename="../app/webphone/ui/charts.py" line="270"/>
        <source>No quality warnings</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="167"/>
        <source>Quality warnings</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="181"/>
        <source>seconds into the call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="230"/>
        <source>Warning: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="266"/>
        <source>Warnings during the call: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="264"/>
        <source>Settings</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="267"/>
        <source>Language</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="268"/>
        <source>System language</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="272"/>
        <source>Ask for call-quality feedback after calls</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="274"/>
        <source>Closing the window keeps Webphone in the tray</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="276"/>
        <source>Ask before calling a clicked tel:/sip: link</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="278"/>
        <source>Start Webphone in the tray when I log in</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="281"/>
        <source>Application</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="283"/>
        <source>Language:</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="284"/>
        <source>A new language applies after a restart.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="293"/>
        <source>Phone options (Browser SDK names; apply at next login)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="58"/>
        <source>Show Webphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="60"/>
        <source>Quit</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="87"/>
        <source>Webphone</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="91"/>
        <source>Missed calls: %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="113"/>
        <location filename="../app/webphone/ui/tray.py" line="133"/>
        <source>Incoming call</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="115"/>
        <source>%1 is calling</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="116"/>
        <source>Answer</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="117"/>
        <source>Reject</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="134"/>
        <source>%1 is calling. Click to show Webphone.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>WebphoneApp</name>
    <message>
        <location filename="../app/webphone/ui/app.py" line="128"/>
        <source>No password or token stored for %1</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="134"/>
        <source>Connecting…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="150"/>
        <source>%1 You will be asked again next time.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="184"/>
        <source>Start at login</source>
        <translation></translation>
    </message>
</context>
</TS>
