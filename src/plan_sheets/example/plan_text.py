"""The Södertälje action plan, as written in `handlingsplan/` (sections 2 and 6).

Focus areas, intervention areas with their "där kommunen …" and "Genom att …"
texts, and the 60 activities. Nothing here is invented; what the action plan
does not say (offices, dates, statuses, goals) is invented in `example.py`.
"""

from __future__ import annotations

PLAN_TITLE = "Handlingsplan för näringslivsstrategin Utvecklingskraft i Södertälje"

FOCUS_AREAS: tuple[tuple[int, str], ...] = (
    (1, "Ett företagsklimat som främjar utveckling, innovation och entreprenörskap"),
    (2, "God tillgång på arbetskraft med relevant kompetens"),
    (3, "Ett aktivt etableringsarbete som är tydligt kopplat till näringslivets förutsättningar"),
    (4, "En enkel och kundfokuserad myndighetsutövning som möter företagens behov"),
    (5, "Aktivt arbete med att stärka bilden av Södertälje"),
)

# (ID, "där kommunen …", "Genom att …", activities)
INTERVENTION_AREAS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("1.1",
     "erbjuder mötesplatser och möjlighet till dialog, till företag och andra aktörer för ökad "
     "kunskap, samverkan och utveckling.",
     "Genom att finnas hos företagen, med företagen och skapa relevanta kunskaps- och "
     "dialogforum och arrangemang som stärker dem och kommunens kontakter med dem.",
     ("Företagsbesök politiker",
      "Företagsbesök tjänstemän",
      "Nätverksforum, ex. Frukostklubben, Näringslivsrådet, Entreprenörsrådet",
      "Större företagsevenemang, ex. Södertälje Företagardag, Södertäljegalan",
      "Kommundelsvisa möten")),
    ("1.2",
     "har partners som erbjuder forum för rådgivning, mentorskap och finansieringsinsatser, "
     "riktat till företag med tydlig tillväxtpotential.",
     "",
     ()),
    ("1.3",
     "bidrar till samordnad innovations- och nystartsrådgivning tillsammans med partners.",
     "Genom att ha strukturerat samarbete med kompetenshöjande partners/organisationer som "
     "speglar det lokala näringslivets behov och driva näringslivsstärkande projekt som "
     "Södertälje Science Park och EU-projektet Matlust.",
     ("Utvecklingsprojekt MatLust för tillväxt av SME-företag i livsmedelsnäringen",
      "Utvecklingsprojekt Södertälje Science Park")),
    ("1.4",
     "genomsyras i hela förvaltningen av en positiv och företagsvänlig attityd.",
     "Genom att genomföra och följa upp handlingsplanen för näringslivsstrategin "
     "Utvecklingskraft i Södertälje. Aktivt kommunicera med näringslivet med nyhetsbrev och "
     "lyssna in deras synpunkter och idéer. Genom att mäta och följa upp näringslivets "
     "utveckling och attityder.",
     ("Mätning och analys av näringslivets utveckling och attityder",
      "Kommunikation näringsliv, nyhetsbrev m.m.",
      "Genomföra och följa upp handlingsplanen")),
    ("1.5",
     "samverkar med aktörer även utanför Södertälje för att stärka hela regionens utveckling.",
     "Genom att vara mycket aktiva i viktiga tillgängliga samverkansforum och attrahera "
     "viktiga nationella aktörer till att vara aktiva i Södertälje.",
     ("Samarbete i regionen, ex. Södertörn, Stockholm Business Alliance",
      "Samarbete med nationella aktörer, ex. Vinnova, Almi")),
    ("2.1",
     "verkar för att tillgängliggöra högre utbildning och forskning med tydlig inriktning mot "
     "näringslivets behov.",
     "Genom att samordna, driva och utveckla egna, lokala och regionala insatser för högre "
     "utbildning, samt genom att arrangera stora och små utbildnings- och "
     "rekryteringsarrangemang.",
     ("Driver och utvecklar Campus Telge",
      "Skapa samverkansmodell med lokala/regionala utbildningsaktörer",
      "Identifiera nya utbildningsspår inom yrkeshögskola",
      "Arrangera högre utbildnings- och rekryteringsmässa",
      "Utvärdera behov av samordning inom kompetensförsörjning")),
    ("2.2",
     "verkar för att kompetens- och utbildningssatsningar mobiliseras kring strategiska "
     "branscher.",
     "Genom att samarbeta med utbildningssamordnare som t.ex. KTH och aktivt stötta deras "
     "verksamheter.",
     ("Samarbeta med utbildningsanordnare, t.ex. KTH",)),
    ("2.3",
     "arbetar aktivt med ”matchning” av arbetssökande i Södertälje och företag som söker ny "
     "arbetskraft.",
     "Genom samverkan med arbetsmarknadens myndigheter och projekt som t.ex. "
     "Arbetsförmedlingen och MAP2020 för stöd att rekrytera till och kompetensförsörja "
     "företagen.",
     ("Driva projektet MAP 2020",)),
    ("2.4",
     "arbetar aktivt för rätt utbildningsnivå hos Södertäljes invånare, baserat på företagens "
     "kompetensbehov.",
     "Genom samverkan med utbildningsaktörer och nationella branschorganisationer synliggöra "
     "aktuella och/eller framtida bristyrken, med förebilder och företagare för att skapa "
     "intresse för utbildningar som leder till arbete efter utbildningen.",
     ("Behovsinventering och marknadsföring",)),
    ("2.5",
     "låter näringslivets kompetensbehov stå som grund för utvecklingen av "
     "arbetsplatsförlagd utbildning och praktik.",
     "Genom samverkan mellan kommunens berörda kontor och arbetsmarknadens myndigheter i ett "
     "tidigt skede när behov uppstår konkret kunna skapa de yrkesutbildningar och "
     "praktikplatser som efterfrågas av näringslivet.",
     ("Utbildningssamordning",
      "Marknadsföra högre utbildning")),
    ("2.6",
     "utvecklar insatser och utbildningar som i hög grad baseras på företagens "
     "kompetensbehov, till exempel via branschråd.",
     "Genom att kontinuerligt samarbeta med det lokala näringslivet i branschråd för att hitta "
     "långsiktiga modeller för att kartlägga regionens aktuella och framtida kompetensbehov.",
     ("Skapa branschråd med utbildningsformer och olika nivåer",
      "Skapa modell för kompetenskartläggning och behovsinventering")),
    ("3.1",
     "har en väl fungerande intern etableringsprocess och mottagningsservice.",
     "Genom att ta fram och aktivt kommunicera en strategi för företagsetableringar.",
     ("Synliggöra etableringsprocessen för företag",
      "Marknadsföra Södertälje för företagsetableringar",
      "Aktivt delta i SBAs nätverk och aktiviteter")),
    ("3.2",
     "säkerställer att näringslivets behov särskilt beaktas vid planering och utveckling av "
     "infrastruktur och kommunikationer.",
     "Genom att kommunicera med näringslivet det kommunala planarbetet för företagsmark och "
     "åskådliggöra planläggningsprocessen.",
     ("Förtydliga informationen gällande planarbete för företagsmark",
      "Synliggöra planläggningsprocessen tydligt")),
    ("3.3",
     "har ett välinventerat kommunalt markinnehav med hög grad av planberedskap.",
     "Genom att sammanställa och synliggöra kommunalt innehav av verksamhetsmark med aktiv "
     "marknadsföring av Södertälje för företagsetableringar.",
     ("Sammanställa och synliggöra kommunalt markinnehav för verksamhetsmark",)),
    ("3.4",
     "har ett strukturerat samarbete med lokala fastighetsägare.",
     "Genom att driva nätverk för fastighetsägare skapas samverkan för att underhålla ett "
     "register för lediga lokaler.",
     ("Nätverk för och med fastighetsägare",
      "Synliggöra lediga lokaler",
      "Kartlägga befintligt näringslivs behov av fastighetsutveckling och expansion")),
    ("3.5",
     "verkar för att stads/tätorts/landsbygdplaneringen skapar goda förutsättningar för "
     "lokalisering och etablering.",
     "Genom att driva Södertälje City i Samverkan liksom stadsdelsutveckling och underlätta "
     "utbyggnad av verksamhetsmark i enlighet med översiktsplanen.",
     ("Utbyggnad av verksamhetsmark i enlighet med översiktsplanen",
      "Stadsdelsutvecklingsprojekt",
      "Kommundelutvecklingsprojekt")),
    ("3.6",
     "kopplar arbetsmarknadsinsatser till företag som vill etablera sig eller expandera i "
     "Södertälje.",
     "Genom samverkan mellan kommunens kontor samt arbetsmarknadens myndigheter kan "
     "expanderande och etablerande företag medverka i arbetsmarknadsinsatser.",
     ("Skapa samverkansmodell för arbetsmarknadsinsatser till expanderande och etablerade "
      "företag",)),
    ("4.1",
     "kontinuerligt utvecklar och förstärker bemötande, tillgänglighet och kompetens inom de "
     "viktigaste myndighetsområdena.",
     "Genom aktivt arbete med att skapa en högre tillgänglighet och visa på samverkan mellan "
     "kontoren. Genom konkreta mål i förbättringsarbetet. Genom modeller för att underlätta "
     "för företagen att göra rätt.",
     ("Tillgänglighet, rutiner och samordning inom och mellan kommunens myndighetsområden",
      "Tydlig information till företag kring lagar och regler",
      "Utbildningsinsatser kring bemötande och service",
      "Mål på enhetsnivå rörande NKI och servicemätningar",
      "Förbättringsarbete och uppföljning utifrån NKI-mätningar")),
    ("4.2",
     "erbjuder en förutsägbar, transparent och samordnad ärendeprocess.",
     "Genom att förtydliga och tillgängliggöra arbetssätt och stora projekt förbättras "
     "samordning av kontorsöverskridande ärenden och aktiviteter.",
     ("Tydliga ärendeprocesser och handläggningstider",
      "Benchmark hos andra kommuner angående samordning",
      "Gemensam projektportfölj för pågående projekt",
      "Intern evenemangsgrupp för samordning mellan berörda kontor",
      "Intern företagsgrupp för samordning mellan berörda kontor")),
    ("4.3",
     "erbjuder lättillgänglig och tydlig webbaserad tillstånds- och etableringsguidning.",
     "Genom en specifik företagsportal på sodertalje.se underlättas information till företag "
     "med visualisering av ärenden. Genom digitaliseringar av tjänster och ansökningar.",
     ("Utveckla e-tjänster för företag",)),
    ("4.4",
     "erbjuder tillgängliga, tydliga och transparenta avgifter.",
     "Genom tydlig information samt översyn av avgifter skapa ökad kunskap och förståelse.",
     ("Förtydliga och se över avgifter",
      "Tydligare information om avgiftsfrågor, beräkning och betalning")),
    ("5.1",
     "faciliterar och aktivt använder den varumärkesplattform för Södertälje som utarbetats i "
     "samverkan med aktörer i Södertälje.",
     "Genom varumärkesplattformen för Södertälje skapa verktyg som kan användas av såväl "
     "aktörer i Södertälje som kommunens kontor och enheter.",
     ("Varumärkesplattformen presenteras och implementeras hos "
      "företag/föreningar/organisationer",
      "Förankra och implementera varumärkesplattformen i kommunorganisationen",
      "Utveckla verktyg för företag att använda utifrån varumärkesplattformen")),
    ("5.2",
     "kommunicerar, inom och utanför Södertälje, de utvecklingsprojekt, verksamheter och "
     "fördelar som gör Södertälje attraktivt för företag att etablera sig och utvecklas i.",
     "Genom marknadsföring och kampanjer kring platsen Södertälje stärks bilden av Södertälje "
     "med många olika positiva budskap.",
     ("Marknadsföringsinsatser om platsen Södertälje i lokala media",
      "Marknadsföring utanför Södertälje",
      "Press/PR om Södertälje som plats")),
    ("5.3",
     "genomför platsstärkande evenemang och stödjer Södertäljes besöksnäring.",
     "Genom att utveckla befintliga evenemang, skapa och attrahera nya så stärks bilden av "
     "Södertälje och utvecklar den lokala besöksnäringen.",
     ("Utveckla redan existerande evenemang för att stärka bilden av Södertälje",
      "Attrahera evenemang till Södertälje som medverkar till en positiv bild",
      "Södertäljebyrån som mötes- och evenemangsplats",
      "Regional samverkan inom besöksnäringen")),
)
