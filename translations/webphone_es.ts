<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AudioDevicesDialog</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="155"/>
        <source>Audio devices</source>
        <translation>Dispositivos de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="158"/>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="159"/>
        <source>Speaker</source>
        <translation>Altavoz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="160"/>
        <source>Ringtone device</source>
        <translation>Dispositivo del tono de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="167"/>
        <source>Microphone gain</source>
        <translation>Ganancia del micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="168"/>
        <source>Speaker volume</source>
        <translation>Volumen del altavoz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="174"/>
        <source>Microphone level</source>
        <translation>Nivel del micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="177"/>
        <location filename="../app/webphone/ui/devices.py" line="241"/>
        <location filename="../app/webphone/ui/devices.py" line="247"/>
        <source>Test microphone</source>
        <translation>Probar el micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="180"/>
        <source>Test the microphone</source>
        <translation>Probar el micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="182"/>
        <source>Play a test sound</source>
        <translation>Reproducir un sonido de prueba</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="184"/>
        <source>Play a test sound on the speaker</source>
        <translation>Reproducir un sonido de prueba en el altavoz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="186"/>
        <location filename="../app/webphone/ui/devices.py" line="249"/>
        <source>Speak: the bar follows your microphone.</source>
        <translation>Hable: la barra sigue a su micrófono.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="190"/>
        <source>No sound devices were found: calls send silence and play nothing.</source>
        <translation>No se encontraron dispositivos de sonido: las llamadas envían silencio y no reproducen nada.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="196"/>
        <source>Microphone:</source>
        <translation>Micrófono:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="197"/>
        <source>Microphone gain:</source>
        <translation>Ganancia del micrófono:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="198"/>
        <source>Speaker:</source>
        <translation>Altavoz:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="199"/>
        <source>Speaker volume:</source>
        <translation>Volumen del altavoz:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="200"/>
        <source>Ringtone:</source>
        <translation>Tono de llamada:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="201"/>
        <source>Level:</source>
        <translation>Nivel:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="244"/>
        <source>Microphone test: %1</source>
        <translation>Prueba del micrófono: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="247"/>
        <source>Stop test</source>
        <translation>Detener la prueba</translation>
    </message>
</context>
<context>
    <name>CallDetailsDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="295"/>
        <source>Call with %1</source>
        <translation>Llamada con %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="298"/>
        <source>incoming</source>
        <translation>entrante</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="298"/>
        <source>outgoing</source>
        <translation>saliente</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="300"/>
        <source>When:</source>
        <translation>Cuándo:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="301"/>
        <source>Who:</source>
        <translation>Quién:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="302"/>
        <source>Direction:</source>
        <translation>Dirección:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="304"/>
        <source>Duration:</source>
        <translation>Duración:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="307"/>
        <source>Outcome:</source>
        <translation>Resultado:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="308"/>
        <source>Codec:</source>
        <translation>Códec:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="309"/>
        <source>MOS:</source>
        <translation>MOS:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="326"/>
        <source>Feedback</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="337"/>
        <source>Not rated</source>
        <translation>Sin valorar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="340"/>
        <source>Call again</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="347"/>
        <source>Feedback:</source>
        <translation>Valoración:</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="66"/>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="67"/>
        <source>Current call</source>
        <translation>Llamada actual</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="74"/>
        <source>Remote party</source>
        <translation>Interlocutor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="81"/>
        <source>Call state</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="84"/>
        <source>Call duration</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="88"/>
        <source>Key presses</source>
        <translation>Teclas pulsadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="93"/>
        <source>Audio from the other side</source>
        <translation>Audio del otro lado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="97"/>
        <source>Call quality warnings</source>
        <translation>Avisos de calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="102"/>
        <location filename="../app/webphone/ui/call_panel.py" line="105"/>
        <source>Noise reduction</source>
        <translation>Reducción de ruido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="106"/>
        <location filename="../app/webphone/ui/call_panel.py" line="233"/>
        <source>Noise reduction is not available yet</source>
        <translation>La reducción de ruido aún no está disponible</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="109"/>
        <location filename="../app/webphone/ui/call_panel.py" line="287"/>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="112"/>
        <source>Mute microphone</source>
        <translation>Silenciar el micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="114"/>
        <location filename="../app/webphone/ui/call_panel.py" line="116"/>
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="203"/>
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="204"/>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="205"/>
        <source>Ringing…</source>
        <translation>Sonando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="206"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="207"/>
        <source>Call ended</source>
        <translation>Llamada finalizada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="211"/>
        <source>Call ended: %1</source>
        <translation>Llamada finalizada: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="214"/>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="217"/>
        <source>Keys sent: %1</source>
        <translation>Teclas enviadas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="219"/>
        <source>received: %1</source>
        <translation>recibidas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="231"/>
        <source>Filter background noise out of your microphone</source>
        <translation>Filtrar el ruido de fondo de su micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="247"/>
        <source>Audio from the other side: OK</source>
        <translation>Audio del otro lado: correcto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="249"/>
        <source>No audio from the other side</source>
        <translation>No llega audio del otro lado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="287"/>
        <source>Unmute</source>
        <translation>Activar sonido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="55"/>
        <source>in what you hear</source>
        <translation>en lo que usted oye</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="57"/>
        <source>in what the other side hears</source>
        <translation>en lo que oye el otro lado</translation>
    </message>
</context>
<context>
    <name>ContactBook</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="64"/>
        <source>no name</source>
        <translation>sin nombre</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="65"/>
        <source>the name is too long: %1</source>
        <translation>el nombre es demasiado largo: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="68"/>
        <source>no number or SIP address</source>
        <translation>sin número ni dirección SIP</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="69"/>
        <source>too many numbers and addresses: %1</source>
        <translation>demasiados números y direcciones: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="72"/>
        <source>not a phone number or SIP address: %1</source>
        <translation>no es un número de teléfono ni una dirección SIP: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="75"/>
        <source>the notes are too long: %1 characters</source>
        <translation>las notas son demasiado largas: %1 caracteres</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="78"/>
        <source>cannot be read: %1</source>
        <translation>no se puede leer: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="79"/>
        <source>vCard version %1 (3.0 and 4.0 are read)</source>
        <translation>vCard versión %1 (se leen 3.0 y 4.0)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="82"/>
        <source>more fields than the header has: %1</source>
        <translation>más campos que la cabecera: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="85"/>
        <source>the header row has no Name column: %1</source>
        <translation>la fila de cabecera no tiene columna Name: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="88"/>
        <source>not UTF-8 text (%1)</source>
        <translation>no es texto UTF-8 (%1)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="97"/>
        <source>Record %1 (line %2)</source>
        <translation>Registro %1 (línea %2)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="102"/>
        <source>Line %1</source>
        <translation>Línea %1</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="185"/>
        <source>Edit contact</source>
        <translation>Editar contacto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="185"/>
        <source>New contact</source>
        <translation>Nuevo contacto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="188"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="191"/>
        <source>Numbers and SIP addresses, one a line</source>
        <translation>Números y direcciones SIP, uno por línea</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="192"/>
        <source>+1 555 0100
sip:ana@example.com</source>
        <translation>+34 912 345 678
sip:ana@example.com</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="196"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="205"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="206"/>
        <source>N&amp;umbers and SIP addresses:</source>
        <translation>Nú&amp;meros y direcciones SIP:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="207"/>
        <source>N&amp;otes:</source>
        <translation>N&amp;otas:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="243"/>
        <source>Cannot save: %1</source>
        <translation>No se puede guardar: %1</translation>
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
        <translation>Contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="317"/>
        <source>Search names, numbers and addresses</source>
        <translation>Buscar nombres, números y direcciones</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="318"/>
        <source>Search contacts</source>
        <translation>Buscar contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="334"/>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="335"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="336"/>
        <source>&amp;Delete</source>
        <translation>Eli&amp;minar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="337"/>
        <source>&amp;Call</source>
        <translation>&amp;Llamar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="339"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importar…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="342"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="378"/>
        <source>The address book cannot be opened: %1</source>
        <translation>No se puede abrir la libreta de direcciones: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="381"/>
        <source>No contacts yet: add one or import a file.</source>
        <translation>Aún no hay contactos: añada uno o importe un archivo.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="383"/>
        <source>No contact matches.</source>
        <translation>Ningún contacto coincide.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="386"/>
        <source>Contacts shown: %1 of %2</source>
        <translation>Contactos mostrados: %1 de %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="429"/>
        <source>Saved %1.</source>
        <translation>%1 guardado.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="444"/>
        <source>Delete contact</source>
        <translation>Eliminar contacto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="445"/>
        <source>Delete %1 from the address book?</source>
        <translation>¿Eliminar a %1 de la libreta de direcciones?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="458"/>
        <source>Cannot delete: %1</source>
        <translation>No se puede eliminar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="471"/>
        <source>Import contacts</source>
        <translation>Importar contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="473"/>
        <source>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</source>
        <translation>Contactos (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="487"/>
        <location filename="../app/webphone/ui/contacts.py" line="504"/>
        <source>Cannot import: %1</source>
        <translation>No se puede importar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="499"/>
        <source>Nothing imported from %1.</source>
        <translation>No se importó nada de %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="513"/>
        <source>Contacts imported from %2: %1.</source>
        <translation>Contactos importados de %2: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="518"/>
        <source>Already in the address book, left out: %1.</source>
        <translation>Ya estaban en la libreta, omitidos: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="527"/>
        <source>Export contacts</source>
        <translation>Exportar contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="541"/>
        <source>Cannot export: %1</source>
        <translation>No se puede exportar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="544"/>
        <source>Contacts exported to %2: %1.</source>
        <translation>Contactos exportados a %2: %1.</translation>
    </message>
</context>
<context>
    <name>DevicePickers</name>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="46"/>
        <source>System default</source>
        <extracomment>The level sliders&apos; range (dB), the sdk&apos;s ``set_gain`` range.</extracomment>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="71"/>
        <source>Audio devices</source>
        <translation>Dispositivos de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="72"/>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="73"/>
        <source>Speaker</source>
        <translation>Altavoz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="74"/>
        <source>Test and more…</source>
        <translation>Probar y más…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="76"/>
        <source>Audio devices and microphone test</source>
        <translation>Dispositivos de audio y prueba del micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="80"/>
        <source>Microphone:</source>
        <translation>Micrófono:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/devices.py" line="81"/>
        <source>Speaker:</source>
        <translation>Altavoz:</translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="28"/>
        <source>Dial pad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="37"/>
        <source>Key %1</source>
        <translation>Tecla %1</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="470"/>
        <source>How was the call?</source>
        <translation>¿Qué tal la llamada?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="479"/>
        <source>%1 of 5 stars</source>
        <translation>%1 de 5 estrellas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="51"/>
        <source>Audio lag</source>
        <translation>Audio con retraso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="52"/>
        <source>Broken audio</source>
        <translation>Audio entrecortado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="53"/>
        <source>Call dropped</source>
        <translation>Llamada cortada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="54"/>
        <source>Caller ID issues</source>
        <translation>Problemas con el identificador</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="55"/>
        <source>Digits not captured</source>
        <translation>Dígitos no reconocidos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="56"/>
        <source>Echo</source>
        <translation>Eco</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="57"/>
        <source>Slow to connect</source>
        <translation>Conexión lenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="58"/>
        <source>Audio too quiet</source>
        <translation>Audio demasiado bajo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="59"/>
        <source>One-way audio</source>
        <translation>Audio en un solo sentido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="60"/>
        <source>Robotic audio</source>
        <translation>Audio robótico</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="61"/>
        <source>Something else</source>
        <translation>Otra cosa</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="489"/>
        <source>What went wrong?</source>
        <translation>¿Qué falló?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="502"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="503"/>
        <source>Anything else we should know (optional)</source>
        <translation>Algo más que debamos saber (opcional)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="505"/>
        <source>Include the call&apos;s log</source>
        <translation>Incluir el registro de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="512"/>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="515"/>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="520"/>
        <source>Rate the call:</source>
        <translation>Valore la llamada:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="541"/>
        <source>Choose 1 to 5 stars.</source>
        <translation>Elija de 1 a 5 estrellas.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="543"/>
        <source>Tick at least one issue for a rating below 5 stars.</source>
        <translation>Marque al menos un problema si da menos de 5 estrellas.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="555"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="575"/>
        <source>Not sent: %1</source>
        <translation>No enviado: %1</translation>
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
        <translation>%1 está asignada a dos acciones.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../app/webphone/ui/history.py" line="158"/>
        <source>Call history</source>
        <translation>Historial de llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="162"/>
        <source>Past calls</source>
        <translation>Llamadas anteriores</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="165"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="166"/>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="167"/>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="168"/>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="169"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="170"/>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="171"/>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="172"/>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="185"/>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="191"/>
        <source>Details…</source>
        <translation>Detalles…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="193"/>
        <location filename="../app/webphone/ui/history.py" line="197"/>
        <source>Call again</source>
        <translation>Volver a llamar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="195"/>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="224"/>
        <source>incoming</source>
        <translation>entrante</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="224"/>
        <source>outgoing</source>
        <translation>saliente</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="226"/>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="244"/>
        <source>No calls recorded yet.</source>
        <translation>Todavía no hay llamadas registradas.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="251"/>
        <source>Cannot read the call history: %1</source>
        <translation>No se puede leer el historial de llamadas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/history.py" line="268"/>
        <source>call %1 is not recorded</source>
        <translation>la llamada %1 no está registrada</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="119"/>
        <source>%1 is not a key combination: write it like Ctrl+Alt+A.</source>
        <translation>%1 no es una combinación de teclas: escríbala como Ctrl+Alt+A.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="129"/>
        <source>%1 is not a modifier key: use Ctrl, Alt, Shift or Super.</source>
        <translation>%1 no es una tecla modificadora: use Ctrl, Alt, Shift o Super.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="136"/>
        <source>%1 has no key after its modifiers.</source>
        <translation>%1 no tiene ninguna tecla tras los modificadores.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="143"/>
        <source>%1 is not a key Webphone can use: use a letter, a digit, F1 to F24 or a key such as Space, Home or Pause.</source>
        <translation>%1 no es una tecla que Webphone pueda usar: use una letra, una cifra, F1 a F24 o una tecla como Space, Home o Pause.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="154"/>
        <source>%1 would take the key away from every program: add Ctrl, Alt or Super.</source>
        <translation>%1 quitaría la tecla a todos los programas: añada Ctrl, Alt o Super.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="164"/>
        <source>answer</source>
        <translation>contestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="165"/>
        <source>hang up</source>
        <translation>colgar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="166"/>
        <source>mute or unmute</source>
        <translation>silenciar o activar el micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="182"/>
        <source>%1 (%2) is already used by another program: choose another combination.</source>
        <translation>%1 (%2) ya lo usa otro programa: elija otra combinación.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="186"/>
        <source>%1 (%2) cannot be used: the keyboard has no such key.</source>
        <translation>%1 (%2) no se puede usar: el teclado no tiene esa tecla.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="190"/>
        <source>%1 (%2) cannot be used: the connection to the display was lost.</source>
        <translation>%1 (%2) no se puede usar: se perdió la conexión con la pantalla.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="317"/>
        <source>Global hotkeys are not available on Wayland: it lets no program take keys from the others. The headset and media keys still answer and hang up.</source>
        <translation>Los atajos globales no están disponibles en Wayland: no deja que un programa quite teclas a los demás. Las teclas del auricular y multimedia siguen contestando y colgando.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="323"/>
        <source>Global hotkeys need an X11 desktop; this one (%1) is not.</source>
        <translation>Los atajos globales necesitan un escritorio X11; este (%1) no lo es.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="331"/>
        <source>Global hotkeys are not available: %1</source>
        <translation>Los atajos globales no están disponibles: %1</translation>
    </message>
</context>
<context>
    <name>HotkeysBox</name>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="359"/>
        <source>Global hotkeys</source>
        <translation>Atajos de teclado globales</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="361"/>
        <source>Answer:</source>
        <translation>Contestar:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="362"/>
        <source>Hang up:</source>
        <translation>Colgar:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="363"/>
        <source>Mute / unmute:</source>
        <translation>Silenciar / activar sonido:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="376"/>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="379"/>
        <source>Works while another program is in front, e.g. Ctrl+Alt+A. Empty: no hotkey.</source>
        <translation>Funciona aunque otro programa esté delante, p. ej. Ctrl+Alt+A. Vacío: sin atajo.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/hotkeys.py" line="421"/>
        <source>%1 is set for both %2 and %3.</source>
        <translation>%1 está asignada a %2 y a %3.</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="258"/>
        <source>Cannot import %1</source>
        <translation>No se puede importar %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="261"/>
        <source>Nothing was imported: records of %2 with problems: %1.</source>
        <translation>No se importó nada: registros de %2 con problemas: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="270"/>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="276"/>
        <source>Import nothing</source>
        <translation>No importar nada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/contacts.py" line="279"/>
        <source>Import the good records (%1)</source>
        <translation>Importar los registros correctos (%1)</translation>
    </message>
</context>
<context>
    <name>IncomingList</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="96"/>
        <location filename="../app/webphone/ui/incoming.py" line="97"/>
        <source>Incoming calls</source>
        <translation>Llamadas entrantes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="101"/>
        <source>When answering, the other calls</source>
        <translation>Al contestar, las demás llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="103"/>
        <source>Reject the others</source>
        <translation>Rechazar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="104"/>
        <source>Ignore the others</source>
        <translation>Ignorar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="105"/>
        <source>Let the others ring</source>
        <translation>Dejar sonar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="110"/>
        <source>When I answer one:</source>
        <translation>Cuando conteste una:</translation>
    </message>
</context>
<context>
    <name>IncomingRow</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="43"/>
        <source>Incoming call from %1</source>
        <translation>Llamada entrante de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="52"/>
        <source>Call headers</source>
        <translation>Cabeceras de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="54"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="56"/>
        <source>Answer call from %1</source>
        <translation>Contestar la llamada de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="58"/>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="60"/>
        <source>Reject call from %1</source>
        <translation>Rechazar la llamada de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="61"/>
        <source>Ignore</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="63"/>
        <source>Ignore call from %1</source>
        <translation>Ignorar la llamada de %1</translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="92"/>
        <source>Audio levels</source>
        <translation>Niveles de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="105"/>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="106"/>
        <source>level</source>
        <translation>nivel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="110"/>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="113"/>
        <source>Speaker</source>
        <translation>Altavoz</translation>
    </message>
</context>
<context>
    <name>LinkDialler</name>
    <message>
        <location filename="../app/webphone/ui/links.py" line="46"/>
        <source>Cannot call %1: not a tel:, sip: or callto: link</source>
        <translation>No se puede llamar a %1: no es un enlace tel:, sip: ni callto:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="57"/>
        <source>Cannot call %1: %2</source>
        <translation>No se puede llamar a %1: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="63"/>
        <source>Will call %1 once logged in</source>
        <translation>Se llamará a %1 en cuanto haya sesión iniciada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="70"/>
        <source>Call link</source>
        <translation>Enlace de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="71"/>
        <source>Call %1?</source>
        <translation>¿Llamar a %1?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/links.py" line="77"/>
        <source>Finish the current call to call %1</source>
        <translation>Termine la llamada en curso para llamar a %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="72"/>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="76"/>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="77"/>
        <source>Local demo service</source>
        <translation>Servicio de demostración local</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="78"/>
        <source>Plivo</source>
        <translation>Plivo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="79"/>
        <source>SIP-over-WebSocket server</source>
        <translation>Servidor SIP sobre WebSocket</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="83"/>
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="86"/>
        <source>default: the server&apos;s host</source>
        <translation>predeterminado: el host del servidor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="87"/>
        <source>SIP domain</source>
        <translation>Dominio SIP</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="90"/>
        <source>Login method</source>
        <translation>Método de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="91"/>
        <source>User name and password</source>
        <translation>Usuario y contraseña</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="92"/>
        <source>Access token (JWT)</source>
        <translation>Token de acceso (JWT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="95"/>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="99"/>
        <source>Password or token</source>
        <translation>Contraseña o token</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="100"/>
        <location filename="../app/webphone/ui/dialogs.py" line="124"/>
        <source>kept in the OS keyring</source>
        <translation>se guarda en el llavero del sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="103"/>
        <source>CA certificate file</source>
        <translation>Archivo de certificado de CA</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="104"/>
        <source>Skip TLS verification (development only)</source>
        <translation>Omitir la verificación TLS (solo desarrollo)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="110"/>
        <source>STUN and TURN servers</source>
        <translation>Servidores STUN y TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="113"/>
        <source>For calls through NAT or a firewall: stun: and turn: URLs separated by spaces, e.g. turn:turn.example.com:3478?transport=udp</source>
        <translation>Para llamadas a través de NAT o un cortafuegos: URL stun: y turn: separadas por espacios, p. ej. turn:turn.example.com:3478?transport=udp</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="119"/>
        <source>TURN user name</source>
        <translation>Nombre de usuario TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="123"/>
        <source>TURN credential</source>
        <translation>Credencial TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="132"/>
        <source>Service:</source>
        <translation>Servicio:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="133"/>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="134"/>
        <source>Domain:</source>
        <translation>Dominio:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="135"/>
        <source>Log in with:</source>
        <translation>Iniciar sesión con:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="136"/>
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="137"/>
        <source>Secret:</source>
        <translation>Secreto:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="138"/>
        <source>CA file:</source>
        <translation>Archivo de CA:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="140"/>
        <source>ICE servers:</source>
        <translation>Servidores ICE:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="141"/>
        <source>TURN user:</source>
        <translation>Usuario TURN:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="142"/>
        <source>TURN credential:</source>
        <translation>Credencial TURN:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="147"/>
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="170"/>
        <source>A local demo and test service on this computer, with bots to call (echo, busy, noanswer, ring, multi, voicemail). No account needed.</source>
        <translation>Un servicio local de demostración y pruebas en este ordenador, con bots a los que llamar (echo, busy, noanswer, ring, multi, voicemail). No hace falta cuenta.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="173"/>
        <source>Plivo&apos;s servers (%1).</source>
        <translation>Los servidores de Plivo (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="175"/>
        <source>Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH).</source>
        <translation>Cualquier servidor SIP que hable SIP sobre WebSocket (Kamailio, Asterisk, FreeSWITCH).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="186"/>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="186"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="214"/>
        <source>Enter the password or token (it is kept in the OS keyring).</source>
        <translation>Introduzca la contraseña o el token (se guarda en el llavero del sistema).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="216"/>
        <source>ICE servers: %1</source>
        <translation>Servidores ICE: %1</translation>
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
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="143"/>
        <source>Account state icon</source>
        <translation>Icono del estado de la cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="146"/>
        <source>Account state</source>
        <translation>Estado de la cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="148"/>
        <source>Account…</source>
        <translation>Cuenta…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="150"/>
        <source>Change account</source>
        <translation>Cambiar de cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="163"/>
        <source>Number, user name or SIP address</source>
        <translation>Número, usuario o dirección SIP</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="164"/>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="168"/>
        <location filename="../app/webphone/ui/main_window.py" line="170"/>
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="179"/>
        <source>Show the dial pad</source>
        <translation>Mostrar el teclado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="180"/>
        <source>Show or hide the dial pad</source>
        <translation>Mostrar u ocultar el teclado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="189"/>
        <location filename="../app/webphone/ui/main_window.py" line="192"/>
        <location filename="../app/webphone/ui/main_window.py" line="518"/>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="225"/>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="232"/>
        <source>Call quality charts</source>
        <translation>Gráficos de calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="233"/>
        <source>Show the call quality charts</source>
        <translation>Mostrar los gráficos de calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="287"/>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="288"/>
        <source>&amp;Account…</source>
        <translation>&amp;Cuenta…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="290"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="293"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="296"/>
        <source>Call &amp;history…</source>
        <translation>&amp;Historial de llamadas…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="301"/>
        <source>Audio &amp;devices…</source>
        <translation>&amp;Dispositivos de audio…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="304"/>
        <source>&amp;Contacts…</source>
        <translation>C&amp;ontactos…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="309"/>
        <source>Check my &amp;connection…</source>
        <translation>Co&amp;mprobar mi conexión…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="315"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="316"/>
        <source>&amp;Dial pad</source>
        <translation>&amp;Teclado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="320"/>
        <source>Call quality &amp;charts</source>
        <translation>&amp;Gráficos de calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="325"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="326"/>
        <source>&amp;About Webphone</source>
        <translation>&amp;Acerca de Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="461"/>
        <source>Audio levels</source>
        <translation>Niveles de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="462"/>
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="495"/>
        <source>takes a message for your voicemail indicator</source>
        <translation>toma un mensaje para su indicador de buzón de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="508"/>
        <source>demo account</source>
        <translation>cuenta de demostración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="518"/>
        <source>Demo bots and accounts</source>
        <translation>Bots y cuentas de demostración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="490"/>
        <source>returns your voice and key presses</source>
        <translation>le devuelve su voz y las teclas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="491"/>
        <source>is always busy</source>
        <translation>siempre está ocupado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="492"/>
        <source>rings and never answers</source>
        <translation>suena y nunca contesta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="493"/>
        <source>declines and calls you back</source>
        <translation>rechaza y le devuelve la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="494"/>
        <source>declines and rings you from three callers at once</source>
        <translation>rechaza y le llama desde tres números a la vez</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="499"/>
        <source>Cannot start: %1</source>
        <translation>No se puede iniciar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="577"/>
        <source>Registered as %1</source>
        <translation>Registrado como %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="579"/>
        <source>(local demo service)</source>
        <translation>(servicio de demostración local)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="583"/>
        <source>Login failed: %1</source>
        <translation>Error al iniciar sesión: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="586"/>
        <source>Logged out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="594"/>
        <source>Connection lost (%1), reconnecting…</source>
        <translation>Conexión perdida (%1), reconectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="756"/>
        <source>Hang up first to test the speaker</source>
        <translation>Cuelgue primero para probar el altavoz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="926"/>
        <source>Hang up first to call %1</source>
        <translation>Cuelgue primero para llamar a %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="839"/>
        <source>Noise reduction could not be switched on</source>
        <translation>No se pudo activar la reducción de ruido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="841"/>
        <source>Noise reduction could not be switched off</source>
        <translation>No se pudo desactivar la reducción de ruido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="919"/>
        <source>could not start the call</source>
        <translation>no se pudo iniciar la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="982"/>
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1015"/>
        <source>Call in progress</source>
        <translation>Llamada en curso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1016"/>
        <source>A call is ringing or in progress. Quit and end it?</source>
        <translation>Hay una llamada sonando o en curso. ¿Salir y terminarla?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1032"/>
        <source>About Webphone</source>
        <translation>Acerca de Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="1033"/>
        <source>Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.</source>
        <translation>Webphone %1: un softphone para servidores SIP sobre WebSocket y WebRTC.</translation>
    </message>
</context>
<context>
    <name>NetworkCheckDialog</name>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="100"/>
        <source>Check my connection</source>
        <translation>Comprobar mi conexión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="111"/>
        <source>Checks the way to your server: name lookup, encryption, sign-in, STUN/TURN and a short test call to the echo service.</source>
        <translation>Comprueba el camino hasta su servidor: resolución de nombres, cifrado, inicio de sesión, STUN/TURN y una breve llamada de prueba al servicio de eco.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="118"/>
        <source>Steps of the connection check</source>
        <translation>Pasos de la comprobación de la conexión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="120"/>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="120"/>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="130"/>
        <source>Start check</source>
        <translation>Iniciar comprobación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="133"/>
        <source>Copy report</source>
        <translation>Copiar informe</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="157"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="183"/>
        <source>The check could not run: %1</source>
        <translation>No se pudo realizar la comprobación: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="199"/>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="224"/>
        <source>Found</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="230"/>
        <source>Likely cause</source>
        <translation>Causa probable</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="232"/>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="249"/>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="261"/>
        <source>Name lookup (DNS)</source>
        <translation>Resolución de nombres (DNS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="262"/>
        <source>Encryption (TLS)</source>
        <translation>Cifrado (TLS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="263"/>
        <source>Connection (WebSocket)</source>
        <translation>Conexión (WebSocket)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="264"/>
        <source>Sign-in (REGISTER)</source>
        <translation>Inicio de sesión (REGISTER)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="265"/>
        <source>STUN/TURN</source>
        <translation>STUN/TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="266"/>
        <source>Test call</source>
        <translation>Llamada de prueba</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="271"/>
        <source>OK</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="272"/>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="273"/>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="274"/>
        <source>Not run</source>
        <translation>No realizado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="279"/>
        <source>the server&apos;s name does not resolve (a typo, or no DNS)</source>
        <translation>el nombre del servidor no se resuelve (una errata o no hay DNS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="280"/>
        <source>a firewall blocks the port (nothing answered)</source>
        <translation>un cortafuegos bloquea el puerto (no hubo respuesta)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="282"/>
        <source>nothing accepts connections there (server down, wrong port, or a firewall rejects them)</source>
        <translation>nada acepta conexiones allí (servidor caído, puerto equivocado o un cortafuegos las rechaza)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="286"/>
        <source>the server&apos;s certificate is not trusted (self-signed, wrong CA, expired or for another name)</source>
        <translation>el certificado del servidor no es de confianza (autofirmado, CA equivocada, caducado o para otro nombre)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="289"/>
        <source>the TLS handshake failed</source>
        <translation>falló la negociación TLS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="291"/>
        <source>the server does not offer SIP over WebSocket at that address</source>
        <translation>el servidor no ofrece SIP sobre WebSocket en esa dirección</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="293"/>
        <source>the user name or password (or token) is wrong</source>
        <translation>el nombre de usuario o la contraseña (o el token) son incorrectos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="294"/>
        <source>the TURN server&apos;s user name or credential is wrong</source>
        <translation>el nombre de usuario o la credencial del servidor TURN son incorrectos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="295"/>
        <source>the server refused or failed the request</source>
        <translation>el servidor rechazó la petición o falló al atenderla</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="296"/>
        <source>direct media is blocked and no TURN relay works</source>
        <translation>el audio directo está bloqueado y ningún relé TURN funciona</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="297"/>
        <source>the echo destination is wrong or not answering</source>
        <translation>el destino de eco es incorrecto o no contesta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="298"/>
        <source>the network loses or delays packets</source>
        <translation>la red pierde o retrasa paquetes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="303"/>
        <source>Lookup</source>
        <translation>Resolución</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="304"/>
        <source>Handshake</source>
        <translation>Negociación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="305"/>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="306"/>
        <source>Certificate subject</source>
        <translation>Titular del certificado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="307"/>
        <source>Issued by</source>
        <translation>Emitido por</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="308"/>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="309"/>
        <source>Names</source>
        <translation>Nombres</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="310"/>
        <source>Connect and upgrade</source>
        <translation>Conexión y upgrade</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="311"/>
        <source>Round trip (with the challenge)</source>
        <translation>Ida y vuelta (con el desafío)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="312"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="313"/>
        <source>Candidates</source>
        <translation>Candidatos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="314"/>
        <source>Gathering</source>
        <translation>Recopilación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="315"/>
        <source>Relay address</source>
        <translation>Dirección del relé</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="316"/>
        <source>Connected after</source>
        <translation>Conectada tras</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="317"/>
        <source>Round trip (RTT)</source>
        <translation>Ida y vuelta (RTT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="318"/>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="319"/>
        <source>Packet loss</source>
        <translation>Pérdida de paquetes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="320"/>
        <source>Call quality (MOS)</source>
        <translation>Calidad de la llamada (MOS)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="321"/>
        <source>Samples</source>
        <translation>Muestras</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="322"/>
        <source>Media path</source>
        <translation>Ruta del audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="330"/>
        <source>direct</source>
        <translation>directa</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="331"/>
        <source>through a NAT (found by STUN)</source>
        <translation>a través de un NAT (hallado por STUN)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="332"/>
        <source>through a NAT</source>
        <translation>a través de un NAT</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="333"/>
        <source>through the TURN relay</source>
        <translation>a través del relé TURN</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="334"/>
        <source>not known</source>
        <translation>desconocida</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="343"/>
        <source>Calls will not work: %1.</source>
        <translation>Las llamadas no funcionarán: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="346"/>
        <source>The connection works, but call quality was not measured.</source>
        <translation>La conexión funciona, pero no se midió la calidad de las llamadas.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="350"/>
        <source>Calls should sound good, through the TURN relay only.</source>
        <translation>Las llamadas deberían sonar bien, pero solo a través del relé TURN.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="351"/>
        <source>Calls should sound good.</source>
        <translation>Las llamadas deberían sonar bien.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="354"/>
        <source>Calls will work, but may suffer from: %1.</source>
        <translation>Las llamadas funcionarán, pero pueden sufrir: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="355"/>
        <source>Calls will sound poor: %1.</source>
        <translation>Las llamadas sonarán mal: %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="359"/>
        <source>low call quality score</source>
        <translation>baja puntuación de calidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="360"/>
        <source>long delay</source>
        <translation>retardo largo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="361"/>
        <source>packet loss</source>
        <translation>pérdida de paquetes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/network_check.py" line="362"/>
        <source>uneven packet timing</source>
        <translation>llegada irregular de paquetes</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="239"/>
        <source>Default: %1</source>
        <translation>Predeterminado: %1</translation>
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
        <translation>Ida y vuelta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="201"/>
        <source>Packet loss</source>
        <translation>Pérdida de paquetes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="202"/>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="20"/>
        <source>High jitter</source>
        <translation>Jitter alto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="21"/>
        <source>High latency</source>
        <translation>Latencia alta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="22"/>
        <source>High packet loss</source>
        <translation>Pérdida de paquetes alta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="23"/>
        <source>Low call quality</source>
        <translation>Calidad de llamada baja</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="24"/>
        <source>No microphone</source>
        <translation>Sin micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="25"/>
        <source>Network interrupted</source>
        <translation>Red interrumpida</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="26"/>
        <source>Slow network setup</source>
        <translation>Configuración de red lenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/quality_words.py" line="27"/>
        <source>No audio received</source>
        <translation>No se recibe audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="212"/>
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="221"/>
        <location filename="../app/webphone/ui/charts.py" line="329"/>
        <location filename="../app/webphone/ui/charts.py" line="344"/>
        <location filename="../app/webphone/ui/charts.py" line="366"/>
        <source>No quality warnings</source>
        <translation>Sin avisos de calidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="223"/>
        <source>Quality warnings</source>
        <translation>Avisos de calidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="245"/>
        <source>seconds into the call</source>
        <translation>segundos de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="327"/>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="362"/>
        <source>Warnings during the call: %1</source>
        <translation>Avisos durante la llamada: %1</translation>
    </message>
</context>
<context>
    <name>RingtonePicker</name>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="116"/>
        <location filename="../app/webphone/ui/ringtone.py" line="123"/>
        <source>Ringtone</source>
        <translation>Tono de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="124"/>
        <source>Built-in tone</source>
        <translation>Tono integrado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="125"/>
        <source>Off (no ringtone)</source>
        <translation>Desactivado (sin tono)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="126"/>
        <source>Sound file</source>
        <translation>Archivo de sonido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="130"/>
        <source>Ringtone file</source>
        <translation>Archivo del tono de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="131"/>
        <source>A WAV, OGG, FLAC or MP3 file</source>
        <translation>Un archivo WAV, OGG, FLAC o MP3</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="132"/>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="135"/>
        <location filename="../app/webphone/ui/ringtone.py" line="207"/>
        <source>Preview</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="137"/>
        <source>Play the ringtone once on the ringtone device</source>
        <translation>Reproducir el tono una vez en el dispositivo del tono de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="151"/>
        <source>Incoming calls:</source>
        <translation>Llamadas entrantes:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="152"/>
        <source>Sound file:</source>
        <translation>Archivo de sonido:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="172"/>
        <source>Choose a sound file for the ringtone.</source>
        <translation>Elija un archivo de sonido para el tono de llamada.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="174"/>
        <source>The ringtone file %1 does not exist.</source>
        <translation>El archivo de tono %1 no existe.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="179"/>
        <source>Choose a ringtone</source>
        <translation>Elegir un tono de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="186"/>
        <source>Sound files (%1)</source>
        <translation>Archivos de sonido (%1)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="187"/>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="207"/>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/ringtone.py" line="246"/>
        <source>This ringtone cannot be played: %1</source>
        <translation>Este tono no se puede reproducir: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="307"/>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="312"/>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="313"/>
        <source>Same as the system</source>
        <translation>Como el sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="314"/>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="315"/>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="319"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="320"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="324"/>
        <source>Ask for call-quality feedback after calls</source>
        <translation>Pedir valoración de la calidad tras las llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="326"/>
        <source>Closing the window keeps Webphone in the tray</source>
        <translation>Cerrar la ventana deja Webphone en la bandeja</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="328"/>
        <source>Ask before calling a clicked tel:/sip: link</source>
        <translation>Preguntar antes de llamar a un enlace tel:/sip: pulsado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="330"/>
        <source>Start Webphone in the tray when I log in</source>
        <translation>Iniciar Webphone en la bandeja al iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="335"/>
        <source>Echo test destination</source>
        <translation>Destino de la prueba de eco</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="339"/>
        <source>Who Audio devices → Check voice path calls on your server: a number or address that plays your audio back. The local demo service always uses its echo bot.</source>
        <translation>A quién llama Dispositivos de audio → Comprobar la ruta de voz en su servidor: un número o dirección que le devuelve su audio. El servicio de demostración local siempre usa su bot de eco.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="344"/>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="346"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="347"/>
        <source>A new language applies after a restart.</source>
        <translation>El nuevo idioma se aplica tras reiniciar.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="348"/>
        <source>Appearance:</source>
        <translation>Apariencia:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="353"/>
        <source>Echo test destination:</source>
        <translation>Destino de la prueba de eco:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="356"/>
        <source>Voicemail number</source>
        <translation>Número del buzón de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="357"/>
        <source>From the server</source>
        <translation>Del servidor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="360"/>
        <source>What the voicemail indicator dials. Empty: the mailbox address the server sends with the message count.</source>
        <translation>Lo que marca el indicador del buzón de voz. Vacío: la dirección del buzón que el servidor envía con el número de mensajes.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="364"/>
        <source>Voicemail number:</source>
        <translation>Número del buzón de voz:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="370"/>
        <source>Phone options (Browser SDK names; apply at next login)</source>
        <translation>Opciones del teléfono (nombres del Browser SDK; se aplican al próximo inicio de sesión)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="399"/>
        <source>Do not disturb: refuse incoming calls</source>
        <translation>No molestar: rechazar las llamadas entrantes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="404"/>
        <source>Refuse calls with</source>
        <translation>Rechazar las llamadas con</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="405"/>
        <source>486 Busy Here (the server may forward to voicemail)</source>
        <translation>486 Ocupado (el servidor puede desviar al buzón de voz)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="406"/>
        <source>480 Temporarily Unavailable</source>
        <translation>480 No disponible temporalmente</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="407"/>
        <source>603 Decline (no forwarding)</source>
        <translation>603 Rechazada (sin desvío)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="411"/>
        <source>Auto-answer</source>
        <translation>Respuesta automática</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="412"/>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="413"/>
        <source>Every call</source>
        <translation>Todas las llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="415"/>
        <source>Only calls the server marks (intercom, paging)</source>
        <translation>Solo las llamadas que marca el servidor (intercomunicador, megafonía)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="422"/>
        <source>Answer after</source>
        <translation>Responder tras</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="424"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="428"/>
        <source>How long a call rings before it is answered by itself, with a beep. A server&apos;s own delay (Call-Info answer-after) wins for the calls it marks.</source>
        <translation>Cuánto suena una llamada antes de responderse sola, con un pitido. Para las llamadas que marca el servidor vale su propio retardo (Call-Info answer-after).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="432"/>
        <source>Availability</source>
        <translation>Disponibilidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="435"/>
        <source>Refuse calls with:</source>
        <translation>Rechazar las llamadas con:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="436"/>
        <source>Auto-answer:</source>
        <translation>Respuesta automática:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="437"/>
        <source>Answer after:</source>
        <translation>Responder tras:</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="61"/>
        <source>Show Webphone</source>
        <translation>Mostrar Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="63"/>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="65"/>
        <source>Do not disturb</source>
        <translation>No molestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="94"/>
        <source>Webphone</source>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="98"/>
        <source>Do not disturb: incoming calls are refused</source>
        <translation>No molestar: se rechazan las llamadas entrantes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="100"/>
        <source>Missed calls: %1</source>
        <translation>Llamadas perdidas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="102"/>
        <source>New voicemail: %1</source>
        <translation>Mensajes de voz nuevos: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="141"/>
        <location filename="../app/webphone/ui/tray.py" line="161"/>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="143"/>
        <source>%1 is calling</source>
        <translation>%1 está llamando</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="144"/>
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="145"/>
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="162"/>
        <source>%1 is calling. Click to show Webphone.</source>
        <translation>%1 está llamando. Haga clic para mostrar Webphone.</translation>
    </message>
</context>
<context>
    <name>VoiceCheckPanel</name>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="42"/>
        <source>Voice path</source>
        <translation>Ruta de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="47"/>
        <source>Calls the echo service with a short recorded phrase, sent through the same processing as your voice, and measures what comes back.</source>
        <translation>Llama al servicio de eco con una frase grabada corta, que pasa por el mismo procesamiento que su voz, y mide lo que vuelve.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="52"/>
        <location filename="../app/webphone/ui/voice_check.py" line="151"/>
        <source>Check voice path</source>
        <translation>Comprobar la ruta de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="54"/>
        <source>Check the voice path with an echo call</source>
        <translation>Comprobar la ruta de voz con una llamada de eco</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="58"/>
        <source>Voice path check progress</source>
        <translation>Progreso de la comprobación de la ruta de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="74"/>
        <source>Round trip:</source>
        <translation>Ida y vuelta:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="75"/>
        <source>Speech returned intact:</source>
        <translation>Voz devuelta intacta:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="76"/>
        <source>Call quality (MOS):</source>
        <translation>Calidad de la llamada (MOS):</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="97"/>
        <source>Cancel check</source>
        <translation>Cancelar la comprobación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="101"/>
        <source>Calling %1…</source>
        <translation>Llamando a %1…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="109"/>
        <source>Connected; waiting for audio…</source>
        <translation>Conectado; esperando audio…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="110"/>
        <source>Saying the test phrase…</source>
        <translation>Diciendo la frase de prueba…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="111"/>
        <source>Listening for its echo…</source>
        <translation>Escuchando su eco…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="112"/>
        <source>Measuring…</source>
        <translation>Midiendo…</translation>
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
        <translation>no disponible</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="142"/>
        <source>The check could not run: %1</source>
        <translation>No se pudo hacer la comprobación: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="161"/>
        <source>The call to %1 failed: %2.</source>
        <translation>La llamada a %1 falló: %2.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="163"/>
        <source>The call to %1 could not be started.</source>
        <translation>No se pudo iniciar la llamada a %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="166"/>
        <source>Log in first: the check calls the echo service.</source>
        <translation>Inicie sesión primero: la comprobación llama al servicio de eco.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="167"/>
        <source>Hang up first: the check needs a call of its own.</source>
        <translation>Cuelgue primero: la comprobación necesita una llamada propia.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="168"/>
        <source>%1 did not answer.</source>
        <translation>%1 no contestó.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="169"/>
        <source>The call to %1 ended before the check was done.</source>
        <translation>La llamada a %1 terminó antes de acabar la comprobación.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="172"/>
        <source>No audio came back from %1.</source>
        <translation>No volvió audio de %1.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="174"/>
        <source>Audio came back from %1, but not the test phrase: is it an echo service?</source>
        <translation>Volvió audio de %1, pero no la frase de prueba: ¿es un servicio de eco?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="176"/>
        <source>Check cancelled.</source>
        <translation>Comprobación cancelada.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="184"/>
        <source>Your voice came back intact.</source>
        <translation>Su voz volvió intacta.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="187"/>
        <source>Parts of your voice came back cut or faded (%1 %) or too loud (%2 %).</source>
        <translation>Partes de su voz volvieron cortadas o atenuadas (%1 %) o demasiado fuertes (%2 %).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="193"/>
        <source>Echo cancellation or noise suppression may be cutting your voice: try a headset, or switch them off in Settings (audioConstraints).</source>
        <translation>La cancelación de eco o la supresión de ruido pueden estar cortando su voz: pruebe con auriculares o desactívelas en Configuración (audioConstraints).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voice_check.py" line="197"/>
        <source>The delay is long enough to make people talk over each other.</source>
        <translation>El retardo es tan largo que la gente se pisará al hablar.</translation>
    </message>
</context>
<context>
    <name>VoicemailButton</name>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="31"/>
        <source>Voicemail</source>
        <translation>Buzón de voz</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="51"/>
        <source>Voicemail: %1 new</source>
        <translation>Buzón de voz: %1 nuevos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="53"/>
        <source>Voicemail waiting</source>
        <translation>Mensajes de voz en espera</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="55"/>
        <source>No new voicemail</source>
        <translation>No hay mensajes de voz nuevos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="58"/>
        <source>%1 new, %2 old messages.</source>
        <translation>%1 mensajes nuevos, %2 antiguos.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="61"/>
        <source>Click to call your voicemail (%1).</source>
        <translation>Haga clic para llamar a su buzón de voz (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/voicemail.py" line="63"/>
        <source>Set the voicemail number in Settings to call it from here.</source>
        <translation>Indique el número del buzón de voz en Ajustes para llamarlo desde aquí.</translation>
    </message>
</context>
<context>
    <name>WebphoneApp</name>
    <message>
        <location filename="../app/webphone/ui/app.py" line="124"/>
        <source>Do not disturb</source>
        <translation>No molestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="126"/>
        <source>Incoming calls are refused (Settings → Availability)</source>
        <translation>Se rechazan las llamadas entrantes (Ajustes → Disponibilidad)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="156"/>
        <source>No password or token stored for %1</source>
        <translation>No hay contraseña ni token guardados para %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="162"/>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="238"/>
        <source>%1 You will be asked again next time.</source>
        <translation>%1 Se le volverá a preguntar la próxima vez.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="298"/>
        <source>Start at login</source>
        <translation>Iniciar al iniciar sesión</translation>
    </message>
</context>
</TS>
