<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AudioDevicesDialog</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="155"/>
        <source>Audio devices</source>
        <translation>Audiogeräte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="158"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="159"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="160"/>
        <source>Ringtone device</source>
        <translation>Klingelton-Gerät</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="167"/>
        <source>Microphone gain</source>
        <translation>Mikrofonverstärkung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="168"/>
        <source>Speaker volume</source>
        <translation>Lautsprecherlautstärke</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="174"/>
        <source>Microphone level</source>
        <translation>Mikrofonpegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="177"/>
        <location filename="../app/webphone/ui/devices.py" line="241"/>
        <location filename="../app/webphone/ui/devices.py" line="247"/>
        <source>Test microphone</source>
        <translation>Mikrofon testen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="180"/>
        <source>Test the microphone</source>
        <translation>Das Mikrofon testen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="182"/>
        <source>Play a test sound</source>
        <translation>Testton abspielen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="184"/>
        <source>Play a test sound on the speaker</source>
        <translation>Einen Testton über den Lautsprecher abspielen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="186"/>
        <location filename="../app/webphone/ui/devices.py" line="249"/>
        <source>Speak: the bar follows your microphone.</source>
        <translation>Sprechen Sie: Der Balken folgt Ihrem Mikrofon.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="190"/>
        <source>No sound devices were found: calls send silence and play nothing.</source>
        <translation>Keine Audiogeräte gefunden: Anrufe senden Stille und geben nichts wieder.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="196"/>
        <source>Microphone:</source>
        <translation>Mikrofon:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="197"/>
        <source>Microphone gain:</source>
        <translation>Mikrofonverstärkung:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="198"/>
        <source>Speaker:</source>
        <translation>Lautsprecher:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="199"/>
        <source>Speaker volume:</source>
        <translation>Lautsprecherlautstärke:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="200"/>
        <source>Ringtone:</source>
        <translation>Klingelton:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="201"/>
        <source>Level:</source>
        <translation>Pegel:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="244"/>
        <source>Microphone test: %1</source>
        <translation>Mikrofontest: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="247"/>
        <source>Stop test</source>
        <translation>Test beenden</translation>
    </message>
</context>
<context>
    <name>CallDetailsDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="295"/>
        <source>Call with %1</source>
        <translation>Anruf mit %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="298"/>
        <source>incoming</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="298"/>
        <source>outgoing</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="300"/>
        <source>When:</source>
        <translation>Wann:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="301"/>
        <source>Who:</source>
        <translation>Wer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="302"/>
        <source>Direction:</source>
        <translation>Richtung:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="304"/>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="307"/>
        <source>Outcome:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="308"/>
        <source>Codec:</source>
        <translation>Codec:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="309"/>
        <source>MOS:</source>
        <translation>MOS:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="326"/>
        <source>Feedback</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="337"/>
        <source>Not rated</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="340"/>
        <source>Call again</source>
        <translation>Erneut anrufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="347"/>
        <source>Feedback:</source>
        <translation>Bewertung:</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="66"/>
        <source>Call</source>
        <translation>Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="67"/>
        <source>Current call</source>
        <translation>Aktueller Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="74"/>
        <source>Remote party</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="81"/>
        <source>Call state</source>
        <translation>Anrufstatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="84"/>
        <source>Call duration</source>
        <translation>Anrufdauer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="88"/>
        <source>Key presses</source>
        <translation>Tastendrücke</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="93"/>
        <source>Audio from the other side</source>
        <translation>Ton der Gegenseite</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="97"/>
        <source>Call quality warnings</source>
        <translation>Warnungen zur Gesprächsqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="102"/>
        <location filename="../app/webphone/ui/call_panel.py" line="105"/>
        <source>Noise reduction</source>
        <translation>Rauschunterdrückung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="106"/>
        <location filename="../app/webphone/ui/call_panel.py" line="233"/>
        <source>Noise reduction is not available yet</source>
        <translation>Rauschunterdrückung ist noch nicht verfügbar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="109"/>
        <location filename="../app/webphone/ui/call_panel.py" line="287"/>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="112"/>
        <source>Mute microphone</source>
        <translation>Mikrofon stummschalten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="114"/>
        <location filename="../app/webphone/ui/call_panel.py" line="116"/>
        <source>Hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="203"/>
        <source>No call</source>
        <translation>Kein Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="204"/>
        <source>Calling…</source>
        <translation>Wähle…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="205"/>
        <source>Ringing…</source>
        <translation>Klingelt…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="206"/>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="207"/>
        <source>Call ended</source>
        <translation>Anruf beendet</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="211"/>
        <source>Call ended: %1</source>
        <translation>Anruf beendet: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="214"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="217"/>
        <source>Keys sent: %1</source>
        <translation>Gesendete Tasten: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="219"/>
        <source>received: %1</source>
        <translation>empfangen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="231"/>
        <source>Filter background noise out of your microphone</source>
        <translation>Hintergrundgeräusche aus Ihrem Mikrofon herausfiltern</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="247"/>
        <source>Audio from the other side: OK</source>
        <translation>Ton der Gegenseite: OK</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="249"/>
        <source>No audio from the other side</source>
        <translation>Kein Ton von der Gegenseite</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="287"/>
        <source>Unmute</source>
        <translation>Stumm aus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="55"/>
        <source>in what you hear</source>
        <translation>in dem, was Sie hören</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="57"/>
        <source>in what the other side hears</source>
        <translation>in dem, was die Gegenseite hört</translation>
    </message>
</context>
<context>
    <name>ContactBook</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="64"/>
        <source>no name</source>
        <translation>kein Name</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="65"/>
        <source>the name is too long: %1</source>
        <translation>der Name ist zu lang: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="68"/>
        <source>no number or SIP address</source>
        <translation>keine Nummer oder SIP-Adresse</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="69"/>
        <source>too many numbers and addresses: %1</source>
        <translation>zu viele Nummern und Adressen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="72"/>
        <source>not a phone number or SIP address: %1</source>
        <translation>keine Telefonnummer oder SIP-Adresse: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="75"/>
        <source>the notes are too long: %1 characters</source>
        <translation>die Notizen sind zu lang: %1 Zeichen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="78"/>
        <source>cannot be read: %1</source>
        <translation>nicht lesbar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="79"/>
        <source>vCard version %1 (3.0 and 4.0 are read)</source>
        <translation>vCard-Version %1 (gelesen werden 3.0 und 4.0)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="82"/>
        <source>more fields than the header has: %1</source>
        <translation>mehr Felder als die Kopfzeile hat: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="85"/>
        <source>the header row has no Name column: %1</source>
        <translation>die Kopfzeile hat keine Spalte Name: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="88"/>
        <source>not UTF-8 text (%1)</source>
        <translation>kein UTF-8-Text (%1)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="97"/>
        <source>Record %1 (line %2)</source>
        <translation>Eintrag %1 (Zeile %2)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="102"/>
        <source>Line %1</source>
        <translation>Zeile %1</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="185"/>
        <source>Edit contact</source>
        <translation>Kontakt bearbeiten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="185"/>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="188"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="191"/>
        <source>Numbers and SIP addresses, one a line</source>
        <translation>Nummern und SIP-Adressen, eine pro Zeile</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="192"/>
        <source>+1 555 0100
sip:ana@example.com</source>
        <translation>+49 30 1234567
sip:ana@example.com</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="196"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="205"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="206"/>
        <source>N&amp;umbers and SIP addresses:</source>
        <translation>N&amp;ummern und SIP-Adressen:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="207"/>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="243"/>
        <source>Cannot save: %1</source>
        <translation>Speichern nicht möglich: %1</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="296"/>
        <source>vCard 4.0 (*.vcf)</source>
        <translation>vCard 4.0 (*.vcf)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="297"/>
        <source>vCard 3.0 (*.vcf)</source>
        <translation>vCard 3.0 (*.vcf)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="298"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="314"/>
        <location filename="../app/webphone/ui/contacts.py" line="323"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="317"/>
        <source>Search names, numbers and addresses</source>
        <translation>Namen, Nummern und Adressen suchen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="318"/>
        <source>Search contacts</source>
        <translation>Kontakte suchen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="334"/>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="335"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="336"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="337"/>
        <source>&amp;Call</source>
        <translation>&amp;Anrufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="339"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="342"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="378"/>
        <source>The address book cannot be opened: %1</source>
        <translation>Das Adressbuch lässt sich nicht öffnen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="381"/>
        <source>No contacts yet: add one or import a file.</source>
        <translation>Noch keine Kontakte: legen Sie einen an oder importieren Sie eine Datei.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="383"/>
        <source>No contact matches.</source>
        <translation>Kein Kontakt passt.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="386"/>
        <source>Contacts shown: %1 of %2</source>
        <translation>Angezeigte Kontakte: %1 von %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="429"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="444"/>
        <source>Delete contact</source>
        <translation>Kontakt löschen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="445"/>
        <source>Delete %1 from the address book?</source>
        <translation>%1 aus dem Adressbuch löschen?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="458"/>
        <source>Cannot delete: %1</source>
        <translation>Löschen nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="471"/>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="473"/>
        <source>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</source>
        <translation>Kontakte (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="487"/>
        <location filename="../app/webphone/ui/contacts.py" line="504"/>
        <source>Cannot import: %1</source>
        <translation>Import nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="499"/>
        <source>Nothing imported from %1.</source>
        <translation>Nichts aus %1 importiert.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="513"/>
        <source>Contacts imported from %2: %1.</source>
        <translation>Aus %2 importierte Kontakte: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="518"/>
        <source>Already in the address book, left out: %1.</source>
        <translation>Schon im Adressbuch, ausgelassen: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="527"/>
        <source>Export contacts</source>
        <translation>Kontakte exportieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="541"/>
        <source>Cannot export: %1</source>
        <translation>Export nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="544"/>
        <source>Contacts exported to %2: %1.</source>
        <translation>Nach %2 exportierte Kontakte: %1.</translation>
    </message>
</context>
<context>
    <name>DevicePickers</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="46"/>
        <source>System default</source>
        <extracomment>The level sliders&apos; range (dB), the sdk&apos;s ``set_gain`` range.</extracomment>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="71"/>
        <source>Audio devices</source>
        <translation>Audiogeräte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="72"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="73"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="74"/>
        <source>Test and more…</source>
        <translation>Testen und mehr …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="76"/>
        <source>Audio devices and microphone test</source>
        <translation>Audiogeräte und Mikrofontest</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="80"/>
        <source>Microphone:</source>
        <translation>Mikrofon:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="81"/>
        <source>Speaker:</source>
        <translation>Lautsprecher:</translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="28"/>
        <source>Dial pad</source>
        <translation>Wähltastatur</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="37"/>
        <source>Key %1</source>
        <translation>Taste %1</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="470"/>
        <source>How was the call?</source>
        <translation>Wie war der Anruf?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="479"/>
        <source>%1 of 5 stars</source>
        <translation>%1 von 5 Sternen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="51"/>
        <source>Audio lag</source>
        <translation>Verzögerter Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="52"/>
        <source>Broken audio</source>
        <translation>Abgehackter Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="53"/>
        <source>Call dropped</source>
        <translation>Anruf abgebrochen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="54"/>
        <source>Caller ID issues</source>
        <translation>Falsche Rufnummer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="55"/>
        <source>Digits not captured</source>
        <translation>Tasten nicht erkannt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="56"/>
        <source>Echo</source>
        <translation>Echo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="57"/>
        <source>Slow to connect</source>
        <translation>Langsamer Verbindungsaufbau</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="58"/>
        <source>Audio too quiet</source>
        <translation>Ton zu leise</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="59"/>
        <source>One-way audio</source>
        <translation>Ton nur in eine Richtung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="60"/>
        <source>Robotic audio</source>
        <translation>Blecherner Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="61"/>
        <source>Something else</source>
        <translation>Etwas anderes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="489"/>
        <source>What went wrong?</source>
        <translation>Was lief schief?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="502"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="503"/>
        <source>Anything else we should know (optional)</source>
        <translation>Was wir sonst wissen sollten (optional)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="505"/>
        <source>Include the call&apos;s log</source>
        <translation>Protokoll des Anrufs mitsenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="512"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="515"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="520"/>
        <source>Rate the call:</source>
        <translation>Bewerten Sie den Anruf:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="541"/>
        <source>Choose 1 to 5 stars.</source>
        <translation>Wählen Sie 1 bis 5 Sterne.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="543"/>
        <source>Tick at least one issue for a rating below 5 stars.</source>
        <translation>Kreuzen Sie bei weniger als 5 Sternen mindestens ein Problem an.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="555"/>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="575"/>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
</context>
<context>
    <name>GainSlider</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="140"/>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
</context>
<context>
    <name>GlobalHotkeys</name>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="273"/>
        <source>%1 is used for two actions.</source>
        <translation>%1 ist für zwei Aktionen eingestellt.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="158"/>
        <source>Call history</source>
        <translation>Anrufverlauf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="162"/>
        <source>Past calls</source>
        <translation>Frühere Anrufe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="165"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="166"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="167"/>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="168"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="169"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="170"/>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="171"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="172"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="185"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="191"/>
        <source>Details…</source>
        <translation>Details …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="193"/>
        <location filename="../app/webphone/ui/history.py" line="197"/>
        <source>Call again</source>
        <translation>Erneut anrufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="195"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="224"/>
        <source>incoming</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="224"/>
        <source>outgoing</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="226"/>
        <source>in progress</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="244"/>
        <source>No calls recorded yet.</source>
        <translation>Noch keine Anrufe aufgezeichnet.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="251"/>
        <source>Cannot read the call history: %1</source>
        <translation>Der Anrufverlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="268"/>
        <source>call %1 is not recorded</source>
        <translation>Anruf %1 ist nicht aufgezeichnet</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="119"/>
        <source>%1 is not a key combination: write it like Ctrl+Alt+A.</source>
        <translation>%1 ist keine Tastenkombination: Schreiben Sie sie wie Ctrl+Alt+A.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="129"/>
        <source>%1 is not a modifier key: use Ctrl, Alt, Shift or Super.</source>
        <translation>%1 ist keine Zusatztaste: Verwenden Sie Ctrl (Strg), Alt, Shift oder Super.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="136"/>
        <source>%1 has no key after its modifiers.</source>
        <translation>%1 hat nach den Zusatztasten keine Taste.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="143"/>
        <source>%1 is not a key Webphone can use: use a letter, a digit, F1 to F24 or a key such as Space, Home or Pause.</source>
        <translation>%1 ist keine Taste, die Webphone verwenden kann: Verwenden Sie einen Buchstaben, eine Ziffer, F1 bis F24 oder eine Taste wie Space, Home oder Pause.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="154"/>
        <source>%1 would take the key away from every program: add Ctrl, Alt or Super.</source>
        <translation>%1 würde die Taste allen Programmen wegnehmen: Nehmen Sie Ctrl (Strg), Alt oder Super hinzu.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="164"/>
        <source>answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="165"/>
        <source>hang up</source>
        <translation>Auflegen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="166"/>
        <source>mute or unmute</source>
        <translation>Stummschalten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="182"/>
        <source>%1 (%2) is already used by another program: choose another combination.</source>
        <translation>%1 (%2) wird schon von einem anderen Programm verwendet: Wählen Sie eine andere Kombination.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="186"/>
        <source>%1 (%2) cannot be used: the keyboard has no such key.</source>
        <translation>%1 (%2) ist nicht verwendbar: Die Tastatur hat keine solche Taste.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="190"/>
        <source>%1 (%2) cannot be used: the connection to the display was lost.</source>
        <translation>%1 (%2) ist nicht verwendbar: Die Verbindung zum Bildschirm ist abgerissen.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="317"/>
        <source>Global hotkeys are not available on Wayland: it lets no program take keys from the others. The headset and media keys still answer and hang up.</source>
        <translation>Globale Tastenkürzel gibt es unter Wayland nicht: Dort darf kein Programm anderen die Tasten wegnehmen. Headset- und Medientasten nehmen trotzdem an und legen auf.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="323"/>
        <source>Global hotkeys need an X11 desktop; this one (%1) is not.</source>
        <translation>Globale Tastenkürzel brauchen einen X11-Desktop; dieser (%1) ist keiner.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="331"/>
        <source>Global hotkeys are not available: %1</source>
        <translation>Globale Tastenkürzel sind nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>HotkeysBox</name>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="359"/>
        <source>Global hotkeys</source>
        <translation>Globale Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="361"/>
        <source>Answer:</source>
        <translation>Annehmen:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="362"/>
        <source>Hang up:</source>
        <translation>Auflegen:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="363"/>
        <source>Mute / unmute:</source>
        <translation>Stumm / Stumm aus:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="376"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="379"/>
        <source>Works while another program is in front, e.g. Ctrl+Alt+A. Empty: no hotkey.</source>
        <translation>Wirkt auch, wenn ein anderes Programm im Vordergrund ist, z. B. Ctrl+Alt+A. Leer: kein Tastenkürzel.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="421"/>
        <source>%1 is set for both %2 and %3.</source>
        <translation>%1 ist für %2 und für %3 eingestellt.</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="258"/>
        <source>Cannot import %1</source>
        <translation>%1 kann nicht importiert werden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="261"/>
        <source>Nothing was imported: records of %2 with problems: %1.</source>
        <translation>Es wurde nichts importiert: fehlerhafte Einträge in %2: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="270"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="276"/>
        <source>Import nothing</source>
        <translation>Nichts importieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="279"/>
        <source>Import the good records (%1)</source>
        <translation>Die fehlerfreien Einträge importieren (%1)</translation>
    </message>
</context>
<context>
    <name>IncomingList</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="96"/>
        <location filename="../app/webphone/ui/incoming.py" line="97"/>
        <source>Incoming calls</source>
        <translation>Eingehende Anrufe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="101"/>
        <source>When answering, the other calls</source>
        <translation>Beim Annehmen: die anderen Anrufe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="103"/>
        <source>Reject the others</source>
        <translation>Andere abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="104"/>
        <source>Ignore the others</source>
        <translation>Andere ignorieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="105"/>
        <source>Let the others ring</source>
        <translation>Andere klingeln lassen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="110"/>
        <source>When I answer one:</source>
        <translation>Wenn ich einen annehme:</translation>
    </message>
</context>
<context>
    <name>IncomingRow</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="43"/>
        <source>Incoming call from %1</source>
        <translation>Eingehender Anruf von %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="52"/>
        <source>Call headers</source>
        <translation>Kopfzeilen des Anrufs</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="54"/>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="56"/>
        <source>Answer call from %1</source>
        <translation>Anruf von %1 annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="58"/>
        <source>Reject</source>
        <translation>Abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="60"/>
        <source>Reject call from %1</source>
        <translation>Anruf von %1 abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="61"/>
        <source>Ignore</source>
        <translation>Ignorieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="63"/>
        <source>Ignore call from %1</source>
        <translation>Anruf von %1 ignorieren</translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="92"/>
        <source>Audio levels</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="105"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="106"/>
        <source>level</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="110"/>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="113"/>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
</context>
<context>
    <name>LinkDialler</name>
    <message>
        <location filename="../app/webphone/ui/links.py" line="46"/>
        <source>Cannot call %1: not a tel:, sip: or callto: link</source>
        <translation>%1 kann nicht angerufen werden: kein tel:-, sip:- oder callto:-Link</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="57"/>
        <source>Cannot call %1: %2</source>
        <translation>%1 kann nicht angerufen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="63"/>
        <source>Will call %1 once logged in</source>
        <translation>%1 wird angerufen, sobald die Anmeldung steht</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="70"/>
        <source>Call link</source>
        <translation>Anruf-Link</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="71"/>
        <source>Call %1?</source>
        <translation>%1 anrufen?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="77"/>
        <source>Finish the current call to call %1</source>
        <translation>Beenden Sie den laufenden Anruf, um %1 anzurufen</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="72"/>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="76"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="77"/>
        <source>Local demo service</source>
        <translation>Lokaler Demo-Dienst</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="78"/>
        <source>Plivo</source>
        <translation>Plivo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="79"/>
        <source>SIP-over-WebSocket server</source>
        <translation>SIP-über-WebSocket-Server</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="83"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="86"/>
        <source>default: the server&apos;s host</source>
        <translation>Vorgabe: Host des Servers</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="87"/>
        <source>SIP domain</source>
        <translation>SIP-Domäne</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="90"/>
        <source>Login method</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="91"/>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="92"/>
        <source>Access token (JWT)</source>
        <translation>Zugriffstoken (JWT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="95"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="99"/>
        <source>Password or token</source>
        <translation>Passwort oder Token</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="100"/>
        <location filename="../app/webphone/ui/dialogs.py" line="124"/>
        <source>kept in the OS keyring</source>
        <translation>wird im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="103"/>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="104"/>
        <source>Skip TLS verification (development only)</source>
        <translation>TLS-Prüfung überspringen (nur zur Entwicklung)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="110"/>
        <source>STUN and TURN servers</source>
        <translation>STUN- und TURN-Server</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="113"/>
        <source>For calls through NAT or a firewall: stun: and turn: URLs separated by spaces, e.g. turn:turn.example.com:3478?transport=udp</source>
        <translation>Für Anrufe durch NAT oder eine Firewall: stun:- und turn:-URLs, durch Leerzeichen getrennt, z. B. turn:turn.example.com:3478?transport=udp</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="119"/>
        <source>TURN user name</source>
        <translation>TURN-Benutzername</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="123"/>
        <source>TURN credential</source>
        <translation>TURN-Kennwort</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="132"/>
        <source>Service:</source>
        <translation>Dienst:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="133"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="134"/>
        <source>Domain:</source>
        <translation>Domäne:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="135"/>
        <source>Log in with:</source>
        <translation>Anmelden mit:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="136"/>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="137"/>
        <source>Secret:</source>
        <translation>Geheimnis:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="138"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="140"/>
        <source>ICE servers:</source>
        <translation>ICE-Server:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="141"/>
        <source>TURN user:</source>
        <translation>TURN-Benutzer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="142"/>
        <source>TURN credential:</source>
        <translation>TURN-Kennwort:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="147"/>
        <source>Log in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="170"/>
        <source>A local demo and test service on this computer, with bots to call (echo, busy, noanswer, ring, multi, voicemail). No account needed.</source>
        <translation>Ein lokaler Demo- und Testdienst auf diesem Rechner, mit Bots zum Anrufen (echo, busy, noanswer, ring, multi, voicemail). Kein Konto nötig.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="173"/>
        <source>Plivo&apos;s servers (%1).</source>
        <translation>Die Server von Plivo (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="175"/>
        <source>Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH).</source>
        <translation>Jeder SIP-Server, der SIP über WebSocket spricht (Kamailio, Asterisk, FreeSWITCH).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="186"/>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="186"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="214"/>
        <source>Enter the password or token (it is kept in the OS keyring).</source>
        <translation>Geben Sie Passwort oder Token ein (wird im Schlüsselbund des Systems gespeichert).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="216"/>
        <source>ICE servers: %1</source>
        <translation>ICE-Server: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="127"/>
        <source>Webphone</source>
        <extracomment>Handled sdk events (an sdk event name → its handler&apos;s name on the window)</extracomment>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="138"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="143"/>
        <source>Account state icon</source>
        <translation>Symbol des Kontostatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="146"/>
        <source>Account state</source>
        <translation>Kontostatus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="148"/>
        <source>Account…</source>
        <translation>Konto…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="150"/>
        <source>Change account</source>
        <translation>Konto wechseln</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="163"/>
        <source>Number, user name or SIP address</source>
        <translation>Nummer, Benutzername oder SIP-Adresse</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="164"/>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="168"/>
        <location filename="../app/webphone/ui/main_window.py" line="170"/>
        <source>Call</source>
        <translation>Anrufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="179"/>
        <source>Show the dial pad</source>
        <translation>Wähltastatur zeigen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="180"/>
        <source>Show or hide the dial pad</source>
        <translation>Wähltastatur zeigen oder ausblenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="189"/>
        <location filename="../app/webphone/ui/main_window.py" line="192"/>
        <location filename="../app/webphone/ui/main_window.py" line="518"/>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="225"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="232"/>
        <source>Call quality charts</source>
        <translation>Diagramme zur Gesprächsqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="233"/>
        <source>Show the call quality charts</source>
        <translation>Diagramme zur Gesprächsqualität zeigen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="287"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="288"/>
        <source>&amp;Account…</source>
        <translation>&amp;Konto…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="290"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="293"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="296"/>
        <source>Call &amp;history…</source>
        <translation>Anruf&amp;verlauf …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="301"/>
        <source>Audio &amp;devices…</source>
        <translation>Au&amp;diogeräte …</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="304"/>
        <source>&amp;Contacts…</source>
        <translation>K&amp;ontakte…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="309"/>
        <source>Check my &amp;connection…</source>
        <translation>Ver&amp;bindung prüfen…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="315"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="316"/>
        <source>&amp;Dial pad</source>
        <translation>&amp;Wähltastatur</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="320"/>
        <source>Call quality &amp;charts</source>
        <translation>&amp;Diagramme zur Gesprächsqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="325"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="326"/>
        <source>&amp;About Webphone</source>
        <translation>Ü&amp;ber Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="461"/>
        <source>Audio levels</source>
        <translation>Pegel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="462"/>
        <source>Call quality</source>
        <translation>Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="495"/>
        <source>takes a message for your voicemail indicator</source>
        <translation>nimmt eine Nachricht für Ihre Mailbox-Anzeige auf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="508"/>
        <source>demo account</source>
        <translation>Demo-Konto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="518"/>
        <source>Demo bots and accounts</source>
        <translation>Demo-Bots und -Konten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="490"/>
        <source>returns your voice and key presses</source>
        <translation>gibt Ihre Stimme und Tastendrücke zurück</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="491"/>
        <source>is always busy</source>
        <translation>ist immer besetzt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="492"/>
        <source>rings and never answers</source>
        <translation>klingelt und nimmt nie ab</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="493"/>
        <source>declines and calls you back</source>
        <translation>lehnt ab und ruft Sie zurück</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="494"/>
        <source>declines and rings you from three callers at once</source>
        <translation>lehnt ab und ruft Sie von drei Anrufern gleichzeitig an</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="499"/>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="577"/>
        <source>Registered as %1</source>
        <translation>Angemeldet als %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="579"/>
        <source>(local demo service)</source>
        <translation>(lokaler Demo-Dienst)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="583"/>
        <source>Login failed: %1</source>
        <translation>Anmeldung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="586"/>
        <source>Logged out</source>
        <translation>Abgemeldet</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="594"/>
        <source>Connection lost (%1), reconnecting…</source>
        <translation>Verbindung verloren (%1), verbinde neu…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="756"/>
        <source>Hang up first to test the speaker</source>
        <translation>Erst auflegen, um den Lautsprecher zu testen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="926"/>
        <source>Hang up first to call %1</source>
        <translation>Erst auflegen, um %1 anzurufen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="839"/>
        <source>Noise reduction could not be switched on</source>
        <translation>Rauschunterdrückung konnte nicht eingeschaltet werden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="841"/>
        <source>Noise reduction could not be switched off</source>
        <translation>Rauschunterdrückung konnte nicht ausgeschaltet werden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="919"/>
        <source>could not start the call</source>
        <translation>Anruf konnte nicht beginnen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="982"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1015"/>
        <source>Call in progress</source>
        <translation>Anruf läuft</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1016"/>
        <source>A call is ringing or in progress. Quit and end it?</source>
        <translation>Ein Anruf klingelt oder läuft. Beenden und auflegen?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1032"/>
        <source>About Webphone</source>
        <translation>Über Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1033"/>
        <source>Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.</source>
        <translation>Webphone %1: ein Softphone für SIP-über-WebSocket- und WebRTC-Server.</translation>
    </message>
</context>
<context>
    <name>NetworkCheckDialog</name>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="100"/>
        <source>Check my connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="111"/>
        <source>Checks the way to your server: name lookup, encryption, sign-in, STUN/TURN and a short test call to the echo service.</source>
        <translation>Prüft den Weg zu Ihrem Server: Namensauflösung, Verschlüsselung, Anmeldung, STUN/TURN und einen kurzen Testanruf beim Echo-Dienst.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="118"/>
        <source>Steps of the connection check</source>
        <translation>Schritte der Verbindungsprüfung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="120"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="120"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="130"/>
        <source>Start check</source>
        <translation>Prüfung starten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="133"/>
        <source>Copy report</source>
        <translation>Bericht kopieren</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="157"/>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="183"/>
        <source>The check could not run: %1</source>
        <translation>Die Prüfung konnte nicht laufen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="199"/>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="224"/>
        <source>Found</source>
        <translation>Befund</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="230"/>
        <source>Likely cause</source>
        <translation>Wahrscheinliche Ursache</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="232"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="249"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="261"/>
        <source>Name lookup (DNS)</source>
        <translation>Namensauflösung (DNS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="262"/>
        <source>Encryption (TLS)</source>
        <translation>Verschlüsselung (TLS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="263"/>
        <source>Connection (WebSocket)</source>
        <translation>Verbindung (WebSocket)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="264"/>
        <source>Sign-in (REGISTER)</source>
        <translation>Anmeldung (REGISTER)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="265"/>
        <source>STUN/TURN</source>
        <translation>STUN/TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="266"/>
        <source>Test call</source>
        <translation>Testanruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="271"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="272"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="273"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="274"/>
        <source>Not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="279"/>
        <source>the server&apos;s name does not resolve (a typo, or no DNS)</source>
        <translation>der Name des Servers lässt sich nicht auflösen (ein Tippfehler oder kein DNS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="280"/>
        <source>a firewall blocks the port (nothing answered)</source>
        <translation>eine Firewall sperrt den Port (keine Antwort)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="282"/>
        <source>nothing accepts connections there (server down, wrong port, or a firewall rejects them)</source>
        <translation>dort nimmt nichts Verbindungen an (Server aus, falscher Port oder eine Firewall weist sie ab)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="286"/>
        <source>the server&apos;s certificate is not trusted (self-signed, wrong CA, expired or for another name)</source>
        <translation>dem Zertifikat des Servers wird nicht vertraut (selbst signiert, falsche CA, abgelaufen oder für einen anderen Namen)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="289"/>
        <source>the TLS handshake failed</source>
        <translation>der TLS-Handshake ist fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="291"/>
        <source>the server does not offer SIP over WebSocket at that address</source>
        <translation>der Server bietet unter dieser Adresse kein SIP über WebSocket an</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="293"/>
        <source>the user name or password (or token) is wrong</source>
        <translation>Benutzername oder Passwort (oder Token) sind falsch</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="294"/>
        <source>the TURN server&apos;s user name or credential is wrong</source>
        <translation>Benutzername oder Zugangsdaten des TURN-Servers sind falsch</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="295"/>
        <source>the server refused or failed the request</source>
        <translation>der Server hat die Anfrage abgelehnt oder ist daran gescheitert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="296"/>
        <source>direct media is blocked and no TURN relay works</source>
        <translation>direkte Medien sind gesperrt und kein TURN-Relay funktioniert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="297"/>
        <source>the echo destination is wrong or not answering</source>
        <translation>das Echo-Ziel ist falsch oder antwortet nicht</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="298"/>
        <source>the network loses or delays packets</source>
        <translation>das Netz verliert oder verzögert Pakete</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="303"/>
        <source>Lookup</source>
        <translation>Auflösung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="304"/>
        <source>Handshake</source>
        <translation>Handshake</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="305"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="306"/>
        <source>Certificate subject</source>
        <translation>Zertifikatsinhaber</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="307"/>
        <source>Issued by</source>
        <translation>Ausgestellt von</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="308"/>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="309"/>
        <source>Names</source>
        <translation>Namen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="310"/>
        <source>Connect and upgrade</source>
        <translation>Verbinden und Upgrade</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="311"/>
        <source>Round trip (with the challenge)</source>
        <translation>Umlaufzeit (mit Challenge)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="312"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="313"/>
        <source>Candidates</source>
        <translation>Kandidaten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="314"/>
        <source>Gathering</source>
        <translation>Sammeln</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="315"/>
        <source>Relay address</source>
        <translation>Relay-Adresse</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="316"/>
        <source>Connected after</source>
        <translation>Verbunden nach</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="317"/>
        <source>Round trip (RTT)</source>
        <translation>Umlaufzeit (RTT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="318"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="319"/>
        <source>Packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="320"/>
        <source>Call quality (MOS)</source>
        <translation>Gesprächsqualität (MOS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="321"/>
        <source>Samples</source>
        <translation>Messwerte</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="322"/>
        <source>Media path</source>
        <translation>Medienweg</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="330"/>
        <source>direct</source>
        <translation>direkt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="331"/>
        <source>through a NAT (found by STUN)</source>
        <translation>über ein NAT (per STUN gefunden)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="332"/>
        <source>through a NAT</source>
        <translation>über ein NAT</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="333"/>
        <source>through the TURN relay</source>
        <translation>über das TURN-Relay</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="334"/>
        <source>not known</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="343"/>
        <source>Calls will not work: %1.</source>
        <translation>Anrufe werden nicht funktionieren: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="346"/>
        <source>The connection works, but call quality was not measured.</source>
        <translation>Die Verbindung funktioniert, aber die Gesprächsqualität wurde nicht gemessen.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="350"/>
        <source>Calls should sound good, through the TURN relay only.</source>
        <translation>Anrufe sollten gut klingen, allerdings nur über das TURN-Relay.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="351"/>
        <source>Calls should sound good.</source>
        <translation>Anrufe sollten gut klingen.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="354"/>
        <source>Calls will work, but may suffer from: %1.</source>
        <translation>Anrufe werden funktionieren, können aber leiden unter: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="355"/>
        <source>Calls will sound poor: %1.</source>
        <translation>Anrufe werden schlecht klingen: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="359"/>
        <source>low call quality score</source>
        <translation>niedrige Qualitätsbewertung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="360"/>
        <source>long delay</source>
        <translation>lange Verzögerung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="361"/>
        <source>packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="362"/>
        <source>uneven packet timing</source>
        <translation>ungleichmäßige Paketabstände</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="239"/>
        <source>Default: %1</source>
        <translation>Vorgabe: %1</translation>
    </message>
</context>
<context>
    <name>QualityChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="199"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="200"/>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="201"/>
        <source>Packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="202"/>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="20"/>
        <source>High jitter</source>
        <translation>Hoher Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="21"/>
        <source>High latency</source>
        <translation>Hohe Latenz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="22"/>
        <source>High packet loss</source>
        <translation>Hoher Paketverlust</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="23"/>
        <source>Low call quality</source>
        <translation>Schlechte Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="24"/>
        <source>No microphone</source>
        <translation>Kein Mikrofon</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="25"/>
        <source>Network interrupted</source>
        <translation>Netzwerk unterbrochen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="26"/>
        <source>Slow network setup</source>
        <translation>Langsamer Netzwerkaufbau</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="27"/>
        <source>No audio received</source>
        <translation>Kein Ton empfangen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="212"/>
        <source>Call quality</source>
        <translation>Anrufqualität</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="221"/>
        <location filename="../app/webphone/ui/charts.py" line="329"/>
        <location filename="../app/webphone/ui/charts.py" line="344"/>
        <location filename="../app/webphone/ui/charts.py" line="366"/>
        <source>No quality warnings</source>
        <translation>Keine Qualitätswarnungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="223"/>
        <source>Quality warnings</source>
        <translation>Qualitätswarnungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="245"/>
        <source>seconds into the call</source>
        <translation>Sekunden seit Anrufbeginn</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="327"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="362"/>
        <source>Warnings during the call: %1</source>
        <translation>Warnungen während des Anrufs: %1</translation>
    </message>
</context>
<context>
    <name>RingtonePicker</name>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="116"/>
        <location filename="../app/webphone/ui/ringtone.py" line="123"/>
        <source>Ringtone</source>
        <translation>Klingelton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="124"/>
        <source>Built-in tone</source>
        <translation>Eingebauter Ton</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="125"/>
        <source>Off (no ringtone)</source>
        <translation>Aus (kein Klingelton)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="126"/>
        <source>Sound file</source>
        <translation>Audiodatei</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="130"/>
        <source>Ringtone file</source>
        <translation>Klingelton-Datei</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="131"/>
        <source>A WAV, OGG, FLAC or MP3 file</source>
        <translation>Eine WAV-, OGG-, FLAC- oder MP3-Datei</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="132"/>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="135"/>
        <location filename="../app/webphone/ui/ringtone.py" line="207"/>
        <source>Preview</source>
        <translation>Anhören</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="137"/>
        <source>Play the ringtone once on the ringtone device</source>
        <translation>Den Klingelton einmal auf dem Klingelton-Gerät abspielen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="151"/>
        <source>Incoming calls:</source>
        <translation>Eingehende Anrufe:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="152"/>
        <source>Sound file:</source>
        <translation>Audiodatei:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="172"/>
        <source>Choose a sound file for the ringtone.</source>
        <translation>Wählen Sie eine Audiodatei für den Klingelton.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="174"/>
        <source>The ringtone file %1 does not exist.</source>
        <translation>Die Klingelton-Datei %1 existiert nicht.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="179"/>
        <source>Choose a ringtone</source>
        <translation>Klingelton auswählen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="186"/>
        <source>Sound files (%1)</source>
        <translation>Audiodateien (%1)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="187"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="207"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="246"/>
        <source>This ringtone cannot be played: %1</source>
        <translation>Dieser Klingelton kann nicht abgespielt werden: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="307"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="312"/>
        <source>Appearance</source>
        <translation>Erscheinungsbild</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="313"/>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="314"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="315"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="319"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="320"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="324"/>
        <source>Ask for call-quality feedback after calls</source>
        <translation>Nach Anrufen um eine Bewertung bitten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="326"/>
        <source>Closing the window keeps Webphone in the tray</source>
        <translation>Schließen des Fensters lässt Webphone im Infobereich</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="328"/>
        <source>Ask before calling a clicked tel:/sip: link</source>
        <translation>Vor dem Anrufen eines angeklickten tel:/sip:-Links nachfragen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="330"/>
        <source>Start Webphone in the tray when I log in</source>
        <translation>Webphone bei der Anmeldung im Infobereich starten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="335"/>
        <source>Echo test destination</source>
        <translation>Ziel für den Echotest</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="339"/>
        <source>Who Audio devices → Check voice path calls on your server: a number or address that plays your audio back. The local demo service always uses its echo bot.</source>
        <translation>Wen Audiogeräte → Sprachweg prüfen auf Ihrem Server anruft: eine Nummer oder Adresse, die Ihren Ton zurückspielt. Der lokale Demodienst nutzt immer seinen Echo-Bot.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="344"/>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="346"/>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="347"/>
        <source>A new language applies after a restart.</source>
        <translation>Eine neue Sprache gilt nach einem Neustart.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="348"/>
        <source>Appearance:</source>
        <translation>Erscheinungsbild:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="353"/>
        <source>Echo test destination:</source>
        <translation>Ziel für den Echotest:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="356"/>
        <source>Voicemail number</source>
        <translation>Mailbox-Nummer</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="357"/>
        <source>From the server</source>
        <translation>Vom Server</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="360"/>
        <source>What the voicemail indicator dials. Empty: the mailbox address the server sends with the message count.</source>
        <translation>Was die Mailbox-Anzeige wählt. Leer: die Mailbox-Adresse, die der Server mit der Nachrichtenzahl schickt.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="364"/>
        <source>Voicemail number:</source>
        <translation>Mailbox-Nummer:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="370"/>
        <source>Phone options (Browser SDK names; apply at next login)</source>
        <translation>Telefonoptionen (Namen des Browser SDK; gelten ab der nächsten Anmeldung)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="399"/>
        <source>Do not disturb: refuse incoming calls</source>
        <translation>Nicht stören: eingehende Anrufe abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="404"/>
        <source>Refuse calls with</source>
        <translation>Anrufe abweisen mit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="405"/>
        <source>486 Busy Here (the server may forward to voicemail)</source>
        <translation>486 Besetzt (der Server kann an die Mailbox weiterleiten)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="406"/>
        <source>480 Temporarily Unavailable</source>
        <translation>480 Vorübergehend nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="407"/>
        <source>603 Decline (no forwarding)</source>
        <translation>603 Abgelehnt (keine Weiterleitung)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="411"/>
        <source>Auto-answer</source>
        <translation>Automatisch annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="412"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="413"/>
        <source>Every call</source>
        <translation>Jeden Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="415"/>
        <source>Only calls the server marks (intercom, paging)</source>
        <translation>Nur vom Server markierte Anrufe (Gegensprechen, Durchsage)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="422"/>
        <source>Answer after</source>
        <translation>Annehmen nach</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="424"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="428"/>
        <source>How long a call rings before it is answered by itself, with a beep. A server&apos;s own delay (Call-Info answer-after) wins for the calls it marks.</source>
        <translation>Wie lange ein Anruf klingelt, bevor er mit einem Piepton von selbst angenommen wird. Für die vom Server markierten Anrufe gilt dessen eigene Verzögerung (Call-Info answer-after).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="432"/>
        <source>Availability</source>
        <translation>Erreichbarkeit</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="435"/>
        <source>Refuse calls with:</source>
        <translation>Anrufe abweisen mit:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="436"/>
        <source>Auto-answer:</source>
        <translation>Automatisch annehmen:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="437"/>
        <source>Answer after:</source>
        <translation>Annehmen nach:</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="61"/>
        <source>Show Webphone</source>
        <translation>Webphone zeigen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="63"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="65"/>
        <source>Do not disturb</source>
        <translation>Nicht stören</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="94"/>
        <source>Webphone</source>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="98"/>
        <source>Do not disturb: incoming calls are refused</source>
        <translation>Nicht stören: eingehende Anrufe werden abgewiesen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="100"/>
        <source>Missed calls: %1</source>
        <translation>Verpasste Anrufe: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="102"/>
        <source>New voicemail: %1</source>
        <translation>Neue Mailbox-Nachrichten: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="141"/>
        <location filename="../app/webphone/ui/tray.py" line="161"/>
        <source>Incoming call</source>
        <translation>Eingehender Anruf</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="143"/>
        <source>%1 is calling</source>
        <translation>%1 ruft an</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="144"/>
        <source>Answer</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="145"/>
        <source>Reject</source>
        <translation>Abweisen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="162"/>
        <source>%1 is calling. Click to show Webphone.</source>
        <translation>%1 ruft an. Klicken, um Webphone zu zeigen.</translation>
    </message>
</context>
<context>
    <name>VoiceCheckPanel</name>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="42"/>
        <source>Voice path</source>
        <translation>Sprachweg</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="47"/>
        <source>Calls the echo service with a short recorded phrase, sent through the same processing as your voice, and measures what comes back.</source>
        <translation>Ruft den Echodienst mit einem kurzen aufgenommenen Satz an, der dieselbe Verarbeitung durchläuft wie Ihre Stimme, und misst, was zurückkommt.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="52"/>
        <location filename="../app/webphone/ui/voice_check.py" line="151"/>
        <source>Check voice path</source>
        <translation>Sprachweg prüfen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="54"/>
        <source>Check the voice path with an echo call</source>
        <translation>Den Sprachweg mit einem Echoanruf prüfen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="58"/>
        <source>Voice path check progress</source>
        <translation>Fortschritt der Sprachwegprüfung</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="74"/>
        <source>Round trip:</source>
        <translation>Hin und zurück:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="75"/>
        <source>Speech returned intact:</source>
        <translation>Sprache unversehrt zurück:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="76"/>
        <source>Call quality (MOS):</source>
        <translation>Gesprächsqualität (MOS):</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="97"/>
        <source>Cancel check</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="101"/>
        <source>Calling %1…</source>
        <translation>Rufe %1 an…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="109"/>
        <source>Connected; waiting for audio…</source>
        <translation>Verbunden; warte auf Ton…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="110"/>
        <source>Saying the test phrase…</source>
        <translation>Spreche den Testsatz…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="111"/>
        <source>Listening for its echo…</source>
        <translation>Höre auf sein Echo…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="112"/>
        <source>Measuring…</source>
        <translation>Messe…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="127"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="130"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="133"/>
        <source>not given</source>
        <translation>nicht ermittelt</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="142"/>
        <source>The check could not run: %1</source>
        <translation>Die Prüfung konnte nicht laufen: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="161"/>
        <source>The call to %1 failed: %2.</source>
        <translation>Der Anruf an %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="163"/>
        <source>The call to %1 could not be started.</source>
        <translation>Der Anruf an %1 konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="166"/>
        <source>Log in first: the check calls the echo service.</source>
        <translation>Melden Sie sich zuerst an: Die Prüfung ruft den Echodienst an.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="167"/>
        <source>Hang up first: the check needs a call of its own.</source>
        <translation>Legen Sie zuerst auf: Die Prüfung braucht einen eigenen Anruf.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="168"/>
        <source>%1 did not answer.</source>
        <translation>%1 hat nicht abgenommen.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="169"/>
        <source>The call to %1 ended before the check was done.</source>
        <translation>Der Anruf an %1 endete, bevor die Prüfung fertig war.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="172"/>
        <source>No audio came back from %1.</source>
        <translation>Von %1 kam kein Ton zurück.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="174"/>
        <source>Audio came back from %1, but not the test phrase: is it an echo service?</source>
        <translation>Von %1 kam Ton zurück, aber nicht der Testsatz: Ist das ein Echodienst?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="176"/>
        <source>Check cancelled.</source>
        <translation>Prüfung abgebrochen.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="184"/>
        <source>Your voice came back intact.</source>
        <translation>Ihre Stimme kam unversehrt zurück.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="187"/>
        <source>Parts of your voice came back cut or faded (%1 %) or too loud (%2 %).</source>
        <translation>Teile Ihrer Stimme kamen abgeschnitten oder zu leise (%1 %) oder zu laut (%2 %) zurück.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="193"/>
        <source>Echo cancellation or noise suppression may be cutting your voice: try a headset, or switch them off in Settings (audioConstraints).</source>
        <translation>Echounterdrückung oder Rauschunterdrückung schneiden womöglich Ihre Stimme ab: Versuchen Sie ein Headset oder schalten Sie sie in den Einstellungen aus (audioConstraints).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="197"/>
        <source>The delay is long enough to make people talk over each other.</source>
        <translation>Die Verzögerung ist so lang, dass man einander ins Wort fällt.</translation>
    </message>
</context>
<context>
    <name>VoicemailButton</name>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="31"/>
        <source>Voicemail</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="51"/>
        <source>Voicemail: %1 new</source>
        <translation>Mailbox: %1 neu</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="53"/>
        <source>Voicemail waiting</source>
        <translation>Nachrichten in der Mailbox</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="55"/>
        <source>No new voicemail</source>
        <translation>Keine neuen Mailbox-Nachrichten</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="58"/>
        <source>%1 new, %2 old messages.</source>
        <translation>%1 neue, %2 alte Nachrichten.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="61"/>
        <source>Click to call your voicemail (%1).</source>
        <translation>Klicken, um Ihre Mailbox anzurufen (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="63"/>
        <source>Set the voicemail number in Settings to call it from here.</source>
        <translation>Tragen Sie die Mailbox-Nummer in den Einstellungen ein, um sie von hier anzurufen.</translation>
    </message>
</context>
<context>
    <name>WebphoneApp</name>
    <message>
        <location filename="../app/webphone/ui/app.py" line="124"/>
        <source>Do not disturb</source>
        <translation>Nicht stören</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="126"/>
        <source>Incoming calls are refused (Settings → Availability)</source>
        <translation>Eingehende Anrufe werden abgewiesen (Einstellungen → Erreichbarkeit)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="156"/>
        <source>No password or token stored for %1</source>
        <translation>Kein Passwort oder Token für %1 gespeichert</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="162"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="238"/>
        <source>%1 You will be asked again next time.</source>
        <translation>%1 Sie werden beim nächsten Mal erneut gefragt.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="298"/>
        <source>Start at login</source>
        <translation>Beim Anmelden starten</translation>
    </message>
</context>
</TS>
