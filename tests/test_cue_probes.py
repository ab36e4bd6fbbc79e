"""Probes of session 13's new cues by a fresh-eyes reviewer (a helper that never read the
labelled mail): sentences that must not raise a flag and variants that must. Most rows of
the first kind failed on commit 2b53556, before the fixes."""

from __future__ import annotations

import pytest

from tests.mailgen import make
from tests.test_intake import _cls

FLAGS = [
    (
        'A2',
        'Solicitud',
        'Mi padre tiene mieloma y está ingresado con fiebre y dolor. Queremos pedir el '
        'medicamento experimental de ustedes, el del yodo, por uso compasivo.\nAna',
        'adverse_event',
        False,
    ),
    (
        'A3',
        'Richiesta',
        'Mio padre ha un linfoma, ora ha febbre alta ed è ricoverato. Chiediamo il '
        'farmaco sperimentale CLR 131 per uso compassionevole.\nMarco',
        'adverse_event',
        False,
    ),
    (
        'A4',
        'Demande',
        'Mon mari a un myélome, il est hospitalisé avec une infection. Nous demandons '
        'le médicament expérimental iopofosine en accès compassionnel.',
        'adverse_event',
        False,
    ),
    (
        'A5',
        'Prośba',
        'Mój tata ma szpiczaka, jest w szpitalu z gorączką. Prosimy o lek badany CLR '
        '131 w ramach dostępu.',
        'adverse_event',
        False,
    ),
    (
        'A6',
        'Shipment',
        'The study medication shipment for site 204 arrived with a temperature '
        'excursion; the logger shows 9 C for two hours. Please advise on '
        'quarantine.\nPharmacy',
        'adverse_event',
        False,
    ),
    (
        'A7',
        'Depot',
        'Study treatment kits must be stored with a temperature log and the lead pigs '
        'kept in the hot lab.',
        'adverse_event',
        False,
    ),
    (
        'A8',
        'EA request',
        'Requesting CLR 131 for my patient with WM. Her last infusion of rituximab '
        'made her very sick and she needed two units of blood. No trial is open to '
        'her.\nDr. P. Singh, MD',
        'adverse_event',
        False,
    ),
    (
        'A9',
        'thank you',
        'Thank you for everything. Mom had your treatment in the spring; the last '
        'infusion really knocked her out, she was in bed with a fever for a week.',
        'adverse_event',
        True,
    ),
    (
        'A10',
        'thank you',
        'Thank you all. Dad was given your medicine last year through the '
        'compassionate programme. After it he felt awful and the hospital had to '
        'transfuse him twice.',
        'adverse_event',
        True,
    ),
    (
        'A12',
        'Monitoring',
        'Day 15 visit for room 204-019: the patient fridge alarm went off; please '
        'check the temperature log.',
        'adverse_event',
        False,
    ),
    (
        'A13',
        'SAE',
        'Subject 204-011, who completed cycles 1-3 of iopofosine, died before the '
        'first dose of cycle 4 due to sepsis.\nSite 204 CRC',
        'adverse_event',
        True,
    ),
    (
        'A14',
        'SAE',
        'Subject 305-002 had febrile neutropenia after C2 of CLR 131 and was withdrawn '
        'before the first infusion of cycle 3; she was hospitalised for 5 days.',
        'adverse_event',
        True,
    ),
    (
        'A15',
        'Update',
        'My husband never received the study medication on the day planned because the '
        'pharmacy was closed; after the infusion two days later he had a high fever '
        'and was admitted.',
        'adverse_event',
        True,
    ),
    ('A16', 'Vraag', 'Mijn vader heeft myeloom. Welke bijwerkingen heeft CLR 131?', 'adverse_event', False),
    (
        'A17',
        'Pregunta',
        'Mi madre tiene linfoma. ¿Qué efectos secundarios tiene el CLR 131?',
        'adverse_event',
        False,
    ),
    (
        'A18',
        'Domanda',
        'Mia madre ha un mieloma. Ci sono effetti collaterali con CLR 131?',
        'adverse_event',
        False,
    ),
    (
        'A19',
        'Pergunta',
        'O meu pai tem mieloma. Quais são os efeitos colaterais do CLR 131?',
        'adverse_event',
        False,
    ),
    (
        'A20',
        'Weekend visits',
        'On Saturdays study subjects come in through the ED entrance because the main '
        'doors are closed; this applies to the CLR 131 study too.',
        'adverse_event',
        False,
    ),
    (
        'A22',
        'update',
        'My wife had the CLR 131 infusion on Tuesday. Since then she has been burning '
        'up with a temperature of 39 and is back in hospital.',
        'adverse_event',
        True,
    ),
    (
        'A23',
        'update',
        'Study drug given on 3/4 to our patient 101-007; on day 8 dose visit she had '
        'grade 3 thrombocytopenia and required a platelet transfusion.',
        'adverse_event',
        True,
    ),
    (
        'E1',
        'Q3 numbers',
        'Hi all, web traffic to the patient site declined over the weekend, probably '
        'the outage. Marketing will look at it Monday.\nBest, Tom',
        'emergency',
        False,
    ),
    (
        'E2',
        'Advisory board',
        'Dear team, Dr. Chen declined over the weekend to join the advisory board; we '
        'need another name.\nRegards, Lisa',
        'emergency',
        False,
    ),
    (
        'E3',
        'Re: enrolment',
        'Screening numbers have declined over the past few days at the Boston site; '
        'can we discuss the recruitment plan?',
        'emergency',
        False,
    ),
    (
        'E4',
        'my father',
        'My father has myeloma and was treated for years. He went downhill over the '
        'weekend in 2019 after a fall but recovered. He is stable now and we would '
        'like to know about the iodine drug.',
        'emergency',
        False,
    ),
    (
        'E5',
        'my husband',
        'My husband has lymphoma and he has gone downhill since Friday, he cannot get '
        'out of bed. Please can he have CLR 131?',
        'emergency',
        True,
    ),
    (
        'E6',
        'my mother',
        'Mom has really gone downhill over the long weekend; her myeloma doctors have '
        'nothing left. Is the iodine drug possible?',
        'emergency',
        True,
    ),
    (
        'E7',
        'Abstract',
        'We have a week or two before the ASH abstract deadline, so please send the '
        'figures when you can.',
        'emergency',
        False,
    ),
    (
        'E8',
        'SIV',
        'Good news: we have a week, maybe two, before the site initiation visit, so '
        'the binders can wait.',
        'emergency',
        False,
    ),
    (
        'E9',
        'my wife',
        'The doctors say we have maybe a week or two. My wife has myeloma and nothing '
        'else works. Please help us get CLR 131.',
        'emergency',
        True,
    ),
    (
        'E10',
        'my wife',
        'Her oncologist thinks she has a week, perhaps two. My wife has myeloma. '
        'Please help us get CLR 131.',
        'emergency',
        True,
    ),
    (
        'E11',
        'Budget',
        'Hi, what I need from you first thing tomorrow is the signed CTA budget so '
        'legal can countersign.\nThanks, Priya (CRO)',
        'emergency',
        False,
    ),
    (
        'E12',
        'Invoice',
        'All I need from you by tomorrow is the PO number for invoice 4411.',
        'emergency',
        False,
    ),
    (
        'E13',
        'history',
        'Patient history: in 2021 after her stem cell transplant a machine was '
        'breathing for her for ten days; she recovered fully. She now has relapsed '
        'myeloma and I request expanded access to iopofosine.\nDr. A. Lee, MD',
        'emergency',
        False,
    ),
    (
        'E14',
        'BP',
        'He has myeloma, ECOG 1, blood pressure in the 80s diastolic, well controlled. '
        'Requesting expanded access to CLR 131.\nDr. B. Ng, MD',
        'emergency',
        False,
    ),
    (
        'E15',
        'BP',
        'Her blood pressure is running in the 80s systolic since this morning and she '
        'is on pressors. Myeloma. Requesting CLR 131 urgently.',
        'emergency',
        True,
    ),
    (
        'E16',
        'Consent visit',
        'For subject 101-004, we called his wife to come in this morning to sign the '
        'updated consent form for the CLR 131 study.\nKind regards, study coordinator',
        'emergency',
        False,
    ),
    (
        'E17',
        'family',
        'The nurses told her husband to come in right now; she is very weak. Myeloma, '
        'can she get CLR 131?',
        'emergency',
        True,
    ),
    (
        'E18',
        'Investigator meeting',
        'Dr. Patel is not sure if he will make it to the investigator meeting in '
        'Chicago; can he dial in?',
        'emergency',
        False,
    ),
    (
        'E19',
        'Webinar',
        'Prof. Weber sends apologies: she does not know if she will make it on '
        'Thursday, her clinic runs late.',
        'emergency',
        False,
    ),
    (
        'E20',
        'Dad',
        'We do not know whether he is going to make it through the night. Dad has '
        'lymphoma, can he get the iodine drug?',
        'emergency',
        True,
    ),
    (
        'E21',
        'Dad',
        'Honestly we are not sure he will make it to Christmas. Dad has lymphoma, can '
        'he get the iodine drug?',
        'emergency',
        True,
    ),
    (
        'E22',
        'Envío',
        'Hola, no sabemos si llega el envío del medicamento del estudio antes del '
        'lunes; el courier no responde.',
        'emergency',
        False,
    ),
    ('E23', 'Paquete', 'No sé si pasa la aduana el paquete con el material del estudio.', 'emergency', False),
    (
        'E24',
        'Corriere',
        'Buongiorno, non sappiamo se arriva il corriere con le provette domani.',
        'emergency',
        False,
    ),
    (
        'E25',
        'Encomenda',
        'Olá, não sei se chega a encomenda de material do estudo esta semana.',
        'emergency',
        False,
    ),
    (
        'E26',
        'Termin',
        'Wir wissen nicht, ob er den Termin am Montag schafft, er ist auf Dienstreise.',
        'emergency',
        False,
    ),
    (
        'E27',
        'Screening',
        'Non sappiamo se supera lo screening per lo studio CLR 131, i valori renali '
        'sono borderline.',
        'emergency',
        False,
    ),
    (
        'E28',
        'Cambio de visita',
        'Por favor, avisar a los familiares de los pacientes que la visita del día 15 '
        'se cambia al martes.',
        'emergency',
        False,
    ),
    (
        'E29',
        'Shipment',
        'I need to speak with someone urgently about the delayed shipment of study '
        'drug to our site.\nPharmacy, St Mary',
        'emergency',
        False,
    ),
    (
        'E30',
        'Press',
        'I need to talk to someone right now about your press release, I am on '
        'deadline.\nJane, Reuters',
        'emergency',
        False,
    ),
    ('E31', 'bot', 'Stop sending me automatic replies. I need to talk to a human now.', 'emergency', False),
    (
        'E32',
        'Update',
        'She has spent three nights in our ICU and her kidneys have not recovered '
        'fully; she is on dialysis. Requesting emergency access to iopofosine.\nDr K. '
        'Osei, MD',
        'emergency',
        True,
    ),
    (
        'E33',
        'Update',
        'He was admitted to the ICU service last night with septic shock. Myeloma, '
        'refractory. Requesting CLR 131.\nDr K. Osei, MD',
        'emergency',
        True,
    ),
    (
        'E34',
        'Update',
        'Our patient is in the intensive care unit block C since Tuesday, intubated '
        'overnight. Requesting CLR 131.\nDr K. Osei, MD',
        'emergency',
        True,
    ),
    (
        'M1',
        'Visit',
        'Our patient Mr. K. (subject 101-004) is not sure if he will make it to the '
        'Day 15 visit on Monday because of the snow; can we shift the window?\nStudy '
        'coordinator',
        'emergency',
        False,
    ),
    (
        'M2',
        'Visita',
        'La paciente 204-003 no sabemos si llega a tiempo a la visita del día 8 por la '
        'huelga de trenes.',
        'emergency',
        False,
    ),
    (
        'M3',
        'Visita',
        'Il paziente 305-001: non sappiamo se arriva in tempo alla visita del giorno '
        "8, c'è sciopero dei treni.",
        'emergency',
        False,
    ),
    (
        'M4',
        'Update',
        'She has spent three nights in our ICU and is on dialysis. Requesting '
        'emergency access to iopofosine.\nDr K. Osei, MD',
        'emergency',
        True,
    ),
    (
        'M6',
        'Rota',
        'Dr. Okafor is on ICU cover this week, so the SIV for the CLR 131 study moves '
        'to next month.',
        'emergency',
        False,
    ),
    (
        'M7',
        'SAE',
        'Subject 204-011 received three doses of iopofosine and died before the fourth '
        'dose from sepsis.',
        'adverse_event',
        True,
    ),
    (
        'M8',
        'thank you',
        'Mom had your treatment in 2023 and it made her very sick for a week, but it '
        'gave us a year.',
        'adverse_event',
        True,
    ),
]


@pytest.mark.parametrize(("pid", "subject", "body", "flag", "expected"), FLAGS,
                         ids=[row[0] for row in FLAGS])
def test_new_cues_fire_where_they_should_and_nowhere_else(pid: str, subject: str, body: str,
                                                       flag: str, expected: bool) -> None:
    cls = _cls(make(subject, body, "sender@x.example"))
    assert getattr(cls, flag) is expected, cls.reasons


TREATED_SOMEONE_ELSE = [
    (
        'T1',
        'Request for my husband',
        'My husband has Waldenstrom. A friend from our support group received the drug '
        'through an expanded access program at Mayo last year and is doing well. Can '
        'my husband get CLR 131 too? He has tried everything.\nLinda',
    ),
    (
        'T2',
        'New EA request',
        'Dear team, another of my patients received the treatment under a '
        'single-patient IND last year with good effect. I now request expanded access '
        'to iopofosine I-131 for a new patient, 58F, relapsed myeloma after 5 lines, '
        'ECOG 1.\nDr. M. Haddad, MD',
    ),
    (
        'T3',
        'Solicitud',
        'Una amiga de mi madre recibió el medicamento por el programa de uso compasivo '
        'y le fue muy bien. Mi madre tiene mieloma, ¿puede recibir CLR 131?\nLucía',
    ),
    (
        'T4',
        'EA request',
        'Patient history: she received the drug through an expanded access program '
        '(venetoclax, AbbVie) in 2022 and progressed. I request expanded access to '
        'iopofosine I-131 for her; relapsed WM, ECOG 1.\nDr. J. Park, MD',
    ),
]


@pytest.mark.parametrize(("pid", "subject", "body"), TREATED_SOMEONE_ELSE,
                         ids=[row[0] for row in TREATED_SOMEONE_ELSE])
def test_someone_else_treated_under_ea_does_not_hold_a_new_request(pid: str, subject: str,
                                                                  body: str) -> None:
    cls = _cls(make(subject, body, "sender@x.example"))
    assert cls.category.value == "ea_request" and not cls.needs_review, cls.reasons


ROLES = [
    (
        'D1',
        'Richiesta per mio padre',
        'Gentili signori, mio padre ha 78 anni e un mieloma multiplo recidivato. '
        'Vorremmo sapere se può ricevere CLR 131 per uso compassionevole. '
        'Grazie.\nDott. Marco Bianchi\nIngegnere',
        'patient_or_family',
    ),
    (
        'D2',
        'Proposta di collaborazione',
        'Buongiorno, siamo una CRO con sede a Milano e vorremmo proporre i nostri '
        'servizi di monitoraggio per i vostri studi CLR 131.\nDott.ssa Giulia '
        'Rossi\nBusiness Development Manager',
        'other',
    ),
    (
        'D3',
        'Richiesta',
        'Gentili, mia madre ha un linfoma e non ci sono più opzioni. Chiedo il farmaco '
        'CLR 131 per uso compassionevole.\nDott.ssa Elena Conti, farmacista',
        'patient_or_family',
    ),
    (
        'D4',
        'Richiesta uso compassionevole',
        'Gentili, scrivo per conto del Prof. Rossi per un paziente di 67 anni con '
        'mieloma multiplo recidivato dopo 5 linee, ECOG 1. Il Professore chiede CLR '
        '131 per uso compassionevole.\nDott.ssa Laura Neri\nCoordinatrice di ricerca '
        'clinica',
        'other',
    ),
    (
        'D5',
        'Richiesta uso compassionevole',
        'Buongiorno, la nostra associazione segue un paziente di 60 anni con linfoma '
        'senza più opzioni. Chiediamo informazioni su CLR 131 per uso '
        'compassionevole.\nDott. Paolo Verdi\nPresidente, Associazione Pazienti Linfoma',
        'other',
    ),
    (
        'D6',
        'Request',
        'Dear team, on behalf of Dr Rossi, a 67-year-old man with relapsed myeloma '
        'after 5 lines needs iopofosine via expanded access.\nDott. Luca Ferri\nClinical '
        'research coordinator',
        'other',
    ),
]


@pytest.mark.parametrize(("pid", "subject", "body", "role"), ROLES, ids=[row[0] for row in ROLES])
def test_dott_is_a_physician_only_without_an_associations_signature(pid: str, subject: str,
                                                                    body: str, role: str) -> None:
    cls = _cls(make(subject, body, "sender@x.example"))
    got = cls.role.value if cls.role is not None else "other"
    assert got == role, cls.reasons
