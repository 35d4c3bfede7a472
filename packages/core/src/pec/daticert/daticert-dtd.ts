/**
 * The daticert.xml DTD (pec-spec §4.1, RFC 6109 §4.4) as a string, for validators and for
 * documentation. It is byte-identical to `daticert.dtd` beside this file (a test checks it).
 * Declarations are exactly the spec's; the comments are ours.
 */
export const daticertDtd = `<!-- root: postacert; tipo = message type; errore = error class -->
<!ELEMENT postacert (intestazione, dati)>
<!ATTLIST postacert
      tipo (accettazione | non-accettazione | presa-in-carico |
            avvenuta-consegna | posta-certificata | errore-consegna |
            preavviso-errore-consegna | rilevazione-virus) #REQUIRED
      errore (nessuno | no-dest | no-dominio | virus | altro) "nessuno">

<!-- header data of the ORIGINAL message -->
<!ELEMENT intestazione (mittente, destinatari+, risposte, oggetto?)>
<!ELEMENT mittente (#PCDATA)>                 <!-- original From -->
<!ELEMENT destinatari (#PCDATA)>              <!-- one element per To/Cc address -->
<!ATTLIST destinatari tipo (certificato | esterno) "certificato">
<!ELEMENT risposte (#PCDATA)>                 <!-- original Reply-To -->
<!ELEMENT oggetto (#PCDATA)>                  <!-- original Subject -->

<!-- data of this PEC event -->
<!ELEMENT dati (gestore-emittente, data, identificativo, msgid?, ricevuta?,
                consegna?, ricezione*, errore-esteso?)>
<!ELEMENT gestore-emittente (#PCDATA)>        <!-- name of certifying provider -->
<!ELEMENT data (giorno, ora)>
<!ATTLIST data zona CDATA #REQUIRED>          <!-- "[+|-]hhmm" offset from UTC -->
<!ELEMENT giorno (#PCDATA)>                   <!-- dd/mm/yyyy -->
<!ELEMENT ora (#PCDATA)>                      <!-- hh:mm:ss local time -->
<!ELEMENT identificativo (#PCDATA)>           <!-- PEC msgid of the transport envelope -->
<!ELEMENT msgid (#PCDATA)>                    <!-- original Message-ID before replacement -->
<!ELEMENT ricevuta EMPTY>                     <!-- requested delivery-receipt type -->
<!ATTLIST ricevuta tipo (completa | breve | sintetica) #REQUIRED>
<!ELEMENT consegna (#PCDATA)>                 <!-- recipient delivered/attempted -->
<!ELEMENT ricezione (#PCDATA)>                <!-- recipients covered by a presa-in-carico -->
<!ELEMENT errore-esteso (#PCDATA)>            <!-- short error description -->
`;
