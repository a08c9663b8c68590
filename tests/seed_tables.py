"""The seeds' tables line by line, exactly as published (seed 000: Norddjurs' fulfilment report, October 2023).

Every line of the table is here, continuation lines included: the sub-goal stands only on the first line of
its group, and lines that carry on a goal's text, its "Opfyldt ved at" or its "Tidspunkt" have no goal and no
status. Only the header line the PDF repeats after each page break is left out (it is no line of the table).
"""

NORDDJURS_COLUMNS = ("sub_goal", "goal_text", "met_by", "when", "status")

# 25 lines, 16 goals: 9 achieved, 6 expected, 1 partly.
NORDDJURS_AS_PUBLISHED = [
    (
        "1.1 Fingeren på pulsen",
        "Mål 1.1. To årlige møder med erhvervs- og handelsforeninger samt deltagelse i ordinær generalforsamling",
        "Løbende driftsopgave. Udmøntes i dialog med erhvervsforeninger Handel Grenaa (Lancering danske handelsbyer) Business Djursland (Kvartalsvis møde) Norddjurs Erhvervsnet (netværksmøde)",
        "Erhverv har i 2023 deltaget i møder: 9. januar 27. januar 23 februar 30. maj 6. juni 31. maj 5. september 31. maj 15. august 13. september",
        "Opfyldt for 2023",
    ),
    (
        "1.2 Viden og analyser",
        "Mål 1.2. A Infomøder, webinarer og kampagner - Minimum én aktivitet pr. kvartal i samarbejde med central aktør",
        "Facilitering af ejer-til-ejer netværk. Etablering af kontakt mellem Central Danmark og tre erhvervsforeninger om infomøder vedr. EU-puljer Vertical farming m. Djursland Landboforening samt Food and Bio Cluster Gå hjem-møde om grønne lovkrav",
        "Iværksat februar 2023 Facilitering af dialog afsluttet januar 2023 Erhverv deltog i workshop 21. marts 2023 7. juni 2023 September/oktober 2023",
        "Opfyldt for perioden",
    ),
    (
        "",
        "Mål 1.2. B Kommunaldirektørens Sekretariat (KDS) afrapporterer årligt viden fra Én Indgang til Direktionen",
        "Afrapportering under planlægning Afrapporteringen foretages af Erhvervsafdelingen på baggrund af et evalueringsskema udsendt til alle",
        "Én indgang evalueret i direktionen primo 2022 Afrapporteringen foretages 2023.",
        "Forventes opfyldt for 2023",
    ),
    ("", "", "kontaktpersoner i september 2023.", "", ""),
    (
        "2.1. Kommunikation med erhvervslivet",
        "Mål 2.1. A Månedlige erhvervsspecifikke nyheder udsendes via etablerede kanaler.",
        "Udsendes via nyhedsbrev, LinkedIn, Facebook, pressemeddelelser",
        "Løbende driftsopgave",
        "Opfyldt for perioden",
    ),
    (
        "",
        "Mål 2.1. B 5 pressehistorier om Norddjurs kommune som attraktiv erhvervs- og investeringskommune. Særligt indenfor bæredygtighed og grøn omstilling.",
        "Historie og cases om kommende CO2-rapportkrav koblet med tilbud om at hjælpe virksomheder med at blive klar i: Erhverv Djursland, Lokalavisen, LinkedIn og Facebook Jobmesse for højtuddannede: Historie i Lokalavisen 19. april. Dækning fra DR P4 ØJ på selve dagen den 30. marts Tilbud om sæson-samarbejde med hotel- og restaurationsområde: Randers Amts Avis 20. juni og Lokalavisen 19. juli. Grønne lovkrav: PM om hjælp til at blive klar til CO2 rapportering 11. maj. Lokalavisen PM 17. maj Randers Amtsavis PM 22. maj.",
        "Februar 2023 April/marts 2023 Juni/juli 2023: Maj 2023:",
        "Opfyldt for perioden",
    ),
    (
        "2.2. Netværksaktiviteter med erhvervslivet",
        "Mål 2.2. A Viden om erhvervslivets behov afdekkes i survey ved indledning til erhvervspolitikens funktionsperiode",
        "Gennemført af IRIS Group i november og december 2022.",
        "Orientering af Erhvervsudvalget den 17. april 2023",
        "Opfyldt i 2023",
    ),
    (
        "",
        "Mål 2.2. B På baggrund af survey afvikles minimum én netværksaktivitet indenfor hvert af temaerne servicekultur, branding, lokal infrastruktur",
        "Temaer adresseret ved DUR-arrangementer",
        "DUR 6. maj 2022: Grøn omstilling",
        "Forventes opfyldt for funktionsperioden",
    ),
    (
        "",
        "og grøn omstilling i løbet af erhvervsplanens funktionsperiode 2022–2024. Kan ske i regi af DUR.",
        "Aktivitet om servicekultur under planlægning.",
        "DUR 25. november 2022: Lokal infrastruktur DUR 31. marts 2023: Byråds-konference DUR 3. november 2023: Forventet tema om visioner og storytelling omkring Djursland",
        "",
    ),
    (
        "3.1 Formidle Virksomhedernes behov internt",
        "Mål 3.1. A DI Erhvervsklimamåling behandles i alle fagudvalg og i kommunalbestyrelsen",
        "Udvalgsbehandling af DI-analyse 2023 i alle fagudvalg samt KB.",
        "Oktober 2023",
        "Forventes opfyldt 2023",
    ),
    (
        "",
        "Mål 3.1. B Årligt dialogmøde mellem DI Randers-Norddjurs og politikere i Norddjurs om virksomhedernes behov.",
        "Dialogmøde afholdes",
        "21. september 2023",
        "Opfyldt for 2023",
    ),
    (
        "3.2. Formidle virksomhedernes behov eksternt",
        "Mål 3.2. Erhverv afvikler to årlige møder i regi af Djurslands Udviklingsråd, der inspirerer og bibringer ny viden til den erhvervspolitiske udvikling på Djursland.",
        "Afvikles løbende i overensstemmelse med kommissorium",
        "6. maj 2022 og 25. november 2022",
        "Forventes opfyldt for 2023",
    ),
    ("", "", "Byrådskonference i DUR-regi 31. marts 2023", "31. marts 2023", ""),
    ("", "", "DUR-arrangement planlagt til 3. november 2023", "3. november 2023", ""),
    (
        "3.3. Deltagelse i projekter",
        "Mål 3.3. Erhverv understøtter aktuelle behov i erhvervslivet ved at deltage i minimum ét halvårligt projekt, event eller en kampagne, der afhjælper erhvervslivets behov.",
        "Tilbud om bistand til rekruttering i højsæson på HORESTA-området",
        "2022 og 2023 (Jfr. beslutning i AU 22. juni 2022)",
        "Opfyldt for perioden",
    ),
    ("", "", "Jobmesse mellem ukrainere og virksomheder", "22. august 2022", ""),
    ("", "", "Karrieremesse for højtuddannede", "30. marts 2023", ""),
    (
        "",
        "",
        "Deltagelse i Emigration EXPO Holland",
        "Erhvervsudvalget har besluttet at tage afsted i 2024. Juni 2023 November 2023",
        "",
    ),
    (
        "",
        "",
        "<p>To arrangementer om grøn omstilling</p> <p>Ambassadør samarbejde med virksomheder om markedsføring af NK som et godt sted at drive virksomhed</p> <p>Netværksarrangement for lokale fødevarereproducenter og aftagere i samarbejde med Madfællesskabet</p>",
        "<p>August 2023</p> <p>Oktober 2023</p>",
        "",
    ),
    (
        "3.4. Politisk betjening",
        "Mål 3.4. A Erhverv understøtter, at puljemidler til erhvervsfremmeaktiviteter bliver anvendt og medfører størst muligt udbytte. Bl.a. ved at bidrage til at kvalificere ansøgninger i forbindelse med erhvervspuljen.",
        "Håndteres ved henvendelse fra ansøgere",
        "Løbende driftsopgave",
        "Forventes opfyldt for perioden",
    ),
    (
        "",
        "Mål 3.4. B I erhvervsplanens funktionsperiode 2022–2024 understøtter Erhverv som minimum ét møde, hvor lokale politikere og særligt interesserede virksomheder i Norddjurs Kommune mødes med nationale beslutningstagere for at synliggøre de nationale effekter af investeringer i rammevilkårene på Djursland",
        "<p>Rammer for indsatsen besluttet i Erhvervsudvalget 20.12.2022.</p> <p>Besøg af Erhvervsudvalget samt repræsentanter for lokale virksomheder på Christiansborg og relevante interesseorganisationer</p>",
        "Udvalgets beslutning under udmøntning i forvaltningen",
        "Forventes opfyldt i 2023",
    ),
    (
        "4.1. Strategiske samarbejder om grøn omstilling",
        "Mål 4.1. Erhverv formidler viden om bæredygtighed i samarbejde med erhvervsklynger indenfor styrkepositionerne, med to årlige møder per klynge.",
        "<p>Arrangement med Food and Bio Cluster, kommuner og landbrug</p> <p>Food and Bio Cluster</p> <p>Digital Lead</p> <p>MADE</p>",
        "<p>14. december 2022</p> <p>26. april 2023</p> <p>28. februar og 23. juni 2023</p> <p>5. september 2023</p>",
        "Delvist opfyldt",
    ),
    (
        "4.2. Aktuel viden om bæredygtige tiltag",
        "Mål 4.2. A Kvartalsvise møder med den specialiserede erhvervsservice om, hvordan virksomhederne kan tilgå",
        "Løbende driftsopgave",
        "Erhverv har deltaget i møder: 10. februar 2023",
        "Opfyldt for perioden",
    ),
    ("", "aktuel viden om bæredygtige forretnings tiltag.", "", "23. februar 2023 20. april 2023 16. august 2023", ""),
    (
        "",
        "Mål 4.2. B Erhverv afsøger, hvor der er ekspertviden eller samarbejds muligheder omkring, hvordan lokale vedvarende energikilder kan spille en endnu større rolle i den grønne omstilling med henblik på at formidle denne viden til virksomhederne.",
        "Løbende dialog med Byg og Miljø mhp. at afdække intern viden. Erhverv bidrager til klimahandleplanen og DK2020 Tænk tanken KRAKA bidrager med ekspertviden om grøn omstilling til kommunalbestyrelse og erhvervsliv ved byråds konference i DUR",
        "Løbende Løbende 31. marts 2023",
        "Opfyldt for perioden",
    ),
]
