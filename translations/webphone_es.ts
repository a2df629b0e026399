<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CallPanel</name>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="52" />
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="53" />
        <source>Current call</source>
        <translation>Llamada actual</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="60" />
        <source>Remote party</source>
        <translation>Interlocutor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="67" />
        <source>Call state</source>
        <translation>Estado de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="70" />
        <source>Call duration</source>
        <translation>Duración de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="74" />
        <source>Key presses</source>
        <translation>Teclas pulsadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="77" />
        <location filename="../app/webphone/ui/call_panel.py" line="177" />
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="80" />
        <source>Mute microphone</source>
        <translation>Silenciar el micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="82" />
        <location filename="../app/webphone/ui/call_panel.py" line="84" />
        <source>Hang up</source>
        <translation>Colgar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="142" />
        <source>No call</source>
        <translation>Sin llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="143" />
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="144" />
        <source>Ringing…</source>
        <translation>Sonando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="145" />
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="146" />
        <source>Call ended</source>
        <translation>Llamada finalizada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="150" />
        <source>Call ended: %1</source>
        <translation>Llamada finalizada: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="153" />
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="156" />
        <source>Keys sent: %1</source>
        <translation>Teclas enviadas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="158" />
        <source>received: %1</source>
        <translation>recibidas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/call_panel.py" line="177" />
        <source>Unmute</source>
        <translation>Activar sonido</translation>
    </message>
</context>
<context>
    <name>DialPad</name>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="20" />
        <source>Dial pad</source>
        <translation>Teclado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialpad.py" line="29" />
        <source>Key %1</source>
        <translation>Tecla %1</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="315" />
        <source>How was the call?</source>
        <translation>¿Qué tal la llamada?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="324" />
        <source>%1 of 5 stars</source>
        <translation>%1 de 5 estrellas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="333" />
        <source>Audio lag</source>
        <translation>Audio con retraso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="334" />
        <source>Broken audio</source>
        <translation>Audio entrecortado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="335" />
        <source>Call dropped</source>
        <translation>Llamada cortada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="336" />
        <source>Caller ID issues</source>
        <translation>Problemas con el identificador</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="337" />
        <source>Digits not captured</source>
        <translation>Dígitos no reconocidos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="338" />
        <source>Echo</source>
        <translation>Eco</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="339" />
        <source>Slow to connect</source>
        <translation>Conexión lenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="340" />
        <source>Audio too quiet</source>
        <translation>Audio demasiado bajo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="341" />
        <source>One-way audio</source>
        <translation>Audio en un solo sentido</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="342" />
        <source>Robotic audio</source>
        <translation>Audio robótico</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="343" />
        <source>Something else</source>
        <translation>Otra cosa</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="346" />
        <source>What went wrong?</source>
        <translation>¿Qué falló?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="356" />
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="357" />
        <source>Anything else we should know (optional)</source>
        <translation>Algo más que debamos saber (opcional)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="359" />
        <source>Include the call's log</source>
        <translation>Incluir el registro de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="364" />
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="367" />
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="372" />
        <source>Rate the call:</source>
        <translation>Valore la llamada:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="393" />
        <source>Choose 1 to 5 stars.</source>
        <translation>Elija de 1 a 5 estrellas.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="395" />
        <source>Tick at least one issue for a rating below 5 stars.</source>
        <translation>Marque al menos un problema si da menos de 5 estrellas.</translation>
    </message>
</context>
<context>
    <name>IncomingList</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="75" />
        <location filename="../app/webphone/ui/incoming.py" line="76" />
        <source>Incoming calls</source>
        <translation>Llamadas entrantes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="80" />
        <source>When answering, the other calls</source>
        <translation>Al contestar, las demás llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="82" />
        <source>Reject the others</source>
        <translation>Rechazar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="83" />
        <source>Ignore the others</source>
        <translation>Ignorar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="84" />
        <source>Let the others ring</source>
        <translation>Dejar sonar las demás</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="89" />
        <source>When I answer one:</source>
        <translation>Cuando conteste una:</translation>
    </message>
</context>
<context>
    <name>IncomingRow</name>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="35" />
        <source>Incoming call from %1</source>
        <extracomment>The seed's ``actionOnOtherIncomingCalls`` values, in the order the combo box offers them.</extracomment>
        <translation>Llamada entrante de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="44" />
        <source>Call headers</source>
        <translation>Cabeceras de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="46" />
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="48" />
        <source>Answer call from %1</source>
        <translation>Contestar la llamada de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="50" />
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="52" />
        <source>Reject call from %1</source>
        <translation>Rechazar la llamada de %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="53" />
        <source>Ignore</source>
        <translation>Ignorar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/incoming.py" line="55" />
        <source>Ignore call from %1</source>
        <translation>Ignorar la llamada de %1</translation>
    </message>
</context>
<context>
    <name>LevelChart</name>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="52" />
        <source>Audio levels</source>
        <translation>Niveles de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="65" />
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="66" />
        <source>level</source>
        <translation>nivel</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="69" />
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="72" />
        <source>Speaker</source>
        <translation>Altavoz</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="61" />
        <source>Account</source>
        <extracomment>The seed's ``submitCallQualityFeedback`` issue list, verbatim (``CALL_DROPPPED`` too).</extracomment>
        <translation>Cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="65" />
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="66" />
        <source>Local demo service</source>
        <translation>Servicio de demostración local</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="67" />
        <source>Plivo</source>
        <translation>Plivo</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="68" />
        <source>SIP-over-WebSocket server</source>
        <translation>Servidor SIP sobre WebSocket</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="72" />
        <source>Server URL</source>
        <translation>URL del servidor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="75" />
        <source>default: the server's host</source>
        <translation>predeterminado: el host del servidor</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="76" />
        <source>SIP domain</source>
        <translation>Dominio SIP</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="79" />
        <source>Login method</source>
        <translation>Método de inicio de sesión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="80" />
        <source>User name and password</source>
        <translation>Usuario y contraseña</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="81" />
        <source>Access token (JWT)</source>
        <translation>Token de acceso (JWT)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="84" />
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="88" />
        <source>Password or token</source>
        <translation>Contraseña o token</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="89" />
        <source>kept in the OS keyring</source>
        <translation>se guarda en el llavero del sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="92" />
        <source>CA certificate file</source>
        <translation>Archivo de certificado de CA</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="93" />
        <source>Skip TLS verification (development only)</source>
        <translation>Omitir la verificación TLS (solo desarrollo)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="102" />
        <source>Service:</source>
        <translation>Servicio:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="103" />
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="104" />
        <source>Domain:</source>
        <translation>Dominio:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="105" />
        <source>Log in with:</source>
        <translation>Iniciar sesión con:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="106" />
        <source>User:</source>
        <translation>Usuario:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="107" />
        <source>Secret:</source>
        <translation>Secreto:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="108" />
        <source>CA file:</source>
        <translation>Archivo de CA:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="114" />
        <source>Log in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="137" />
        <source>A local demo and test service on this computer, with bots to call (echo, busy, noanswer, ring, multi). No account needed.</source>
        <translation>Un servicio local de demostración y pruebas en este ordenador, con bots a los que llamar (echo, busy, noanswer, ring, multi). No hace falta cuenta.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="140" />
        <source>Plivo's servers (%1).</source>
        <translation>Los servidores de Plivo (%1).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="142" />
        <source>Any SIP server that speaks SIP over WebSocket (Kamailio, Asterisk, FreeSWITCH).</source>
        <translation>Cualquier servidor SIP que hable SIP sobre WebSocket (Kamailio, Asterisk, FreeSWITCH).</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="151" />
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="151" />
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="174" />
        <source>Enter the password or token (it is kept in the OS keyring).</source>
        <translation>Introduzca la contraseña o el token (se guarda en el llavero del sistema).</translation>
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
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="83" />
        <source>Account state icon</source>
        <translation>Icono del estado de la cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="86" />
        <source>Account state</source>
        <translation>Estado de la cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="88" />
        <source>Account…</source>
        <translation>Cuenta…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="90" />
        <source>Change account</source>
        <translation>Cambiar de cuenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="99" />
        <source>Number, user name or SIP address</source>
        <translation>Número, usuario o dirección SIP</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="100" />
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="108" />
        <location filename="../app/webphone/ui/main_window.py" line="110" />
        <source>Call</source>
        <translation>Llamar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="118" />
        <location filename="../app/webphone/ui/main_window.py" line="121" />
        <location filename="../app/webphone/ui/main_window.py" line="227" />
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="145" />
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="167" />
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="168" />
        <source>&amp;Account…</source>
        <translation>&amp;Cuenta…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="170" />
        <source>&amp;Settings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="173" />
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="179" />
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="180" />
        <source>&amp;About Webphone</source>
        <translation>&amp;Acerca de Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="206" />
        <source>Audio levels</source>
        <translation>Niveles de audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="207" />
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="222" />
        <source>demo account</source>
        <translation>cuenta de demostración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="227" />
        <source>Demo bots and accounts</source>
        <translation>Bots y cuentas de demostración</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="235" />
        <source>returns your voice and key presses</source>
        <translation>le devuelve su voz y las teclas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="236" />
        <source>is always busy</source>
        <translation>siempre está ocupado</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="237" />
        <source>rings and never answers</source>
        <translation>suena y nunca contesta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="238" />
        <source>declines and calls you back</source>
        <translation>rechaza y le devuelve la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="239" />
        <source>declines and rings you from three callers at once</source>
        <translation>rechaza y le llama desde tres números a la vez</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="243" />
        <source>Cannot start: %1</source>
        <translation>No se puede iniciar: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="263" />
        <source>Registered as %1</source>
        <translation>Registrado como %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="265" />
        <source>(local demo service)</source>
        <translation>(servicio de demostración local)</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="269" />
        <source>Login failed: %1</source>
        <translation>Error al iniciar sesión: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="272" />
        <source>Logged out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="279" />
        <source>Connection lost (%1), reconnecting…</source>
        <translation>Conexión perdida (%1), reconectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="432" />
        <source>could not start the call</source>
        <translation>no se pudo iniciar la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="439" />
        <source>%1 failed: %2</source>
        <translation>%1 falló: %2</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="471" />
        <source>Call in progress</source>
        <translation>Llamada en curso</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="472" />
        <source>A call is ringing or in progress. Quit and end it?</source>
        <translation>Hay una llamada sonando o en curso. ¿Salir y terminarla?</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="488" />
        <source>About Webphone</source>
        <translation>Acerca de Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/main_window.py" line="489" />
        <source>Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.</source>
        <translation>Webphone %1: un softphone para servidores SIP sobre WebSocket y WebRTC.</translation>
    </message>
</context>
<context>
    <name>OptionsForm</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="197" />
        <source>Default: %1</source>
        <translation>Predeterminado: %1</translation>
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
        <translation>Ida y vuelta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="143" />
        <source>Packet loss</source>
        <translation>Pérdida de paquetes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="144" />
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="151" />
        <source>High jitter</source>
        <translation>Jitter alto</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="152" />
        <source>High latency</source>
        <translation>Latencia alta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="153" />
        <source>High packet loss</source>
        <translation>Pérdida de paquetes alta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="154" />
        <source>Low call quality</source>
        <translation>Calidad de llamada baja</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="155" />
        <source>No microphone</source>
        <translation>Sin micrófono</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="156" />
        <source>Network interrupted</source>
        <translation>Red interrumpida</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="157" />
        <source>Slow network setup</source>
        <translation>Configuración de red lenta</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="158" />
        <source>No audio received</source>
        <translation>No se recibe audio</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="168" />
        <source>Call quality</source>
        <translation>Calidad de la llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="177" />
        <location filename="../app/webphone/ui/charts.py" line="245" />
        <location filename="../app/webphone/ui/charts.py" line="260" />
        <source>No quality warnings</source>
        <translation>Sin avisos de calidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="179" />
        <source>Quality warnings</source>
        <translation>Avisos de calidad</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="193" />
        <source>seconds into the call</source>
        <translation>segundos de llamada</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/charts.py" line="242" />
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="256" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="259" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="260" />
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="264" />
        <source>Ask for call-quality feedback after calls</source>
        <translation>Pedir valoración de la calidad tras las llamadas</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="266" />
        <source>Closing the window keeps Webphone in the tray</source>
        <translation>Cerrar la ventana deja Webphone en la bandeja</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="268" />
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="270" />
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="271" />
        <source>A new language applies after a restart.</source>
        <translation>El nuevo idioma se aplica tras reiniciar.</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/dialogs.py" line="278" />
        <source>Phone options (Browser SDK names; apply at next login)</source>
        <translation>Opciones del teléfono (nombres del Browser SDK; se aplican al próximo inicio de sesión)</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="58" />
        <source>Show Webphone</source>
        <translation>Mostrar Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="60" />
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="87" />
        <source>Webphone</source>
        <translation>Webphone</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="91" />
        <source>Missed calls: %1</source>
        <translation>Llamadas perdidas: %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="113" />
        <location filename="../app/webphone/ui/tray.py" line="133" />
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="115" />
        <source>%1 is calling</source>
        <translation>%1 está llamando</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="116" />
        <source>Answer</source>
        <translation>Contestar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="117" />
        <source>Reject</source>
        <translation>Rechazar</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/tray.py" line="134" />
        <source>%1 is calling. Click to show Webphone.</source>
        <translation>%1 está llamando. Haga clic para mostrar Webphone.</translation>
    </message>
</context>
<context>
    <name>WebphoneApp</name>
    <message>
        <location filename="../app/webphone/ui/app.py" line="106" />
        <source>No password or token stored for %1</source>
        <translation>No hay contraseña ni token guardados para %1</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="112" />
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <location filename="../app/webphone/ui/app.py" line="128" />
        <source>%1 You will be asked again next time.</source>
        <translation>%1 Se le volverá a preguntar la próxima vez.</translation>
    </message>
</context>
</TS>