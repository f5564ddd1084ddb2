"""The `plan-sheets` command: options in, one library call, a Swedish summary out.

Library errors become exit codes here (1: the data has errors or conflicts,
2: the input cannot be used or the command line is wrong). No traceback is
shown unless `--debug` is given.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import click

from plan_sheets import __version__, api, click_swedish
from plan_sheets.errors import PlanSheetsError, UsageProblem

click_swedish.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

OS_ERRORS = {
    errno.ENOSPC: "disken är full. Frigör utrymme och kör igen",
    errno.ENOENT: "filen eller mappen finns inte. Kontrollera sökvägen och kör igen",
    errno.EROFS: "disken är skrivskyddad. Välj en mapp på en annan disk och kör igen",
    errno.EISDIR: "det är en mapp, men här behövs en fil. Ange en fil och kör igen",
    errno.EEXIST: "det finns redan en fil med det namnet där plan-sheets behöver en mapp. "
                  "Ange en annan mapp, eller flytta filen, och kör igen",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en mapp. Ange en mapp och kör igen",
    errno.ENAMETOOLONG: "namnet är för långt. Välj en kortare sökväg och kör igen",
}
"""What the user is told for the system's errors; its own words follow as a detail."""


class CliError(click.ClickException):
    """A Swedish message and an exit code for the user."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def _message(error: PlanSheetsError) -> str:
    return error.message + (f"\n{error.hint}" if error.hint else "")


class Command(click.Command):
    """A command whose usage line is Swedish too."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """Turns failures of the library into Swedish messages and exit codes."""

    command_class = Command

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[FLAGGOR]")
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENT]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug"))
        try:
            api.harden()
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except PlanSheetsError as error:
            if debug:
                raise
            raise CliError(_message(error), error.exit_code) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except OSError as error:
            if debug:
                raise
            raise CliError(_os_message(error), 2) from None
        except Exception as error:  # noqa: BLE001 - the last line of defence for the user
            if debug:
                raise
            cause = error.args[0] if error.args else None
            if type(error).__name__ == "FileCreateError" and isinstance(cause, OSError):
                raise CliError(_os_message(cause), 2) from None  # xlsxwriter's, around it
            raise CliError(
                f"Ett oväntat fel inträffade ({type(error).__name__}). Inget har skrivits om "
                "huvuddokumentet. Kör kommandot igen med plan-sheets --debug … och skicka "
                "utskriften till den som underhåller verktyget.", 2) from None


def _os_message(error: OSError) -> str:
    from plan_sheets.errors import detail

    if isinstance(error, PermissionError) and error.filename:
        # Windows refuses to read or replace a file open in Excel; the writers say so
        # themselves, this is for any other place.
        from plan_sheets.files import in_use

        return _message(in_use(Path(error.filename), error))
    what = OS_ERRORS.get(error.errno or 0, "filen eller mappen gick inte att läsa eller "
                                           "skriva. Kontrollera sökvägen och behörigheten "
                                           "och kör igen")
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{what}.{detail(error)}"


def echo(message: str = "") -> None:
    click.echo(message)


def finish(result: api.Result) -> None:
    """The command's Swedish summary, and its exit code when it is not 0."""
    echo(result.text)
    if result.exit_code:
        sys.exit(result.exit_code)


def progress(message: str) -> None:
    """Progress of long work goes to stderr, so that stdout stays machine-readable."""
    click.echo(message, err=True)


@click.group(name="plan-sheets", cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="plan-sheets",
                      help="Visa versionen och avsluta.")
@click.option("--debug", is_flag=True, help="Visa Pythons felspårning vid fel (för utvecklare).")
def cli(debug: bool) -> None:
    """Följ upp handlingsplanen för näringslivsstrategin i Excel.

    Huvuddokumentet (en Excel-arbetsbok) är källan till sanningen. plan-sheets
    kontrollerar det, för in fokusområdesgruppernas arbetsböcker, färgar
    statusen som trafikljus och tar fram rapporter till styrgruppen och
    kommunstyrelsen.

    \b
    Exempel:
      plan-sheets demo
      plan-sheets init --example huvuddokument.xlsx
    """



# ---- options several commands share, declared once ------------------------------------


def parse_today(_ctx: click.Context | None, _param: click.Parameter | None,
                value: str | None):
    """`--today`: the day every command dates what it writes and judges by (default today)."""
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"”{value}” är inget datum; skriv ÅÅÅÅ-MM-DD.") from None


def today_option(help: str = "Dagens datum, som allt som skrivs dateras med "
                             "(standard: i dag)."):
    """`--today`, the same for every command that takes it."""
    return click.option("--today", metavar="ÅÅÅÅ-MM-DD", callback=parse_today, help=help)


def reply_by_option(help: str):
    """`--svar-senast`: the day answers are due, in the drafts and texts sent out."""
    def parse(ctx, param, value):
        return None if value is None else parse_today(ctx, param, value)

    return click.option("--svar-senast", "reply_by", metavar="ÅÅÅÅ-MM-DD", callback=parse,
                        help=help)


class PeriodType(click.ParamType):
    """`--period`: one of the labels `periods.Period` reads; anything else is exit 2."""

    name = "period"

    def convert(self, value, param, ctx):
        from plan_sheets.periods import Period, PeriodInvalid

        try:
            return Period.parse(value)
        except PeriodInvalid as error:
            self.fail(f"{error.message} {error.hint}", param, ctx)


def period_option(help: str):
    """`--period`, the same for every command that takes it."""
    return click.option("--period", metavar="PERIOD", type=PeriodType(), help=help)


def out_option(help: str, *, required: bool = True, default: Path | None = None):
    """`--out MAPP`: the folder a command writes into."""
    # Click 8.2 and later take an explicit default=None as a value: a required --out that
    # was not given then reached the command as None instead of being asked for.
    extra = {"default": default, "show_default": True} if default is not None else {}
    return click.option("--out", "out", metavar="MAPP", required=required,
                        type=click.Path(file_okay=False, path_type=Path), help=help, **extra)


def force_option(help: str):
    return click.option("--force", is_flag=True, help=help)


MAIN = click.argument("path", metavar="HUVUDDOKUMENT", type=click.Path(path_type=Path))
"""The huvuddokument, the first argument of most commands."""


@cli.command()
@click.argument("path", metavar="FIL", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--example", is_flag=True,
              help="Fyll i Södertäljes handlingsplan med påhittade exempeldata.")
@force_option("Skriv över filen om den redan finns.")
def init(path: Path, example: bool, force: bool) -> None:
    """Skapa ett nytt huvuddokument.

    Arbetsboken får alla flikar med svenska rubriker, trafikljus på Status,
    rullgardinslistor och en flik med instruktioner till personalen.

    \b
    Exempel:
      plan-sheets init huvuddokument.xlsx
      plan-sheets init --example exempel.xlsx
    """
    finish(api.init(path, example=example, force=force))


def parse_colour(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]):
    try:
        return api.parse_colours(values)
    except UsageProblem as problem:
        raise click.BadParameter(problem.message) from None


@cli.command("import")
@click.argument("old", metavar="GAMMAL.xlsx", type=click.Path(path_type=Path))
@click.argument("new", metavar="NY.xlsx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", "sheets", metavar="FLIK", multiple=True,
              help="Fliken med aktiviteterna (kan anges flera gånger; standard: alla som har "
                   "en rubrikrad).")
@click.option("--header-row", metavar="RAD", type=click.IntRange(1, 1000),
              help="Raden där kolumnrubrikerna står (standard: hittas bland de 25 första).")
@click.option("--column", "columns", metavar="RUBRIK=KOLUMN", multiple=True,
              help="Vilken kolumn som är vad, t.ex. --column Status=F --column Tidplan=E.")
@click.option("--colour", "colours", metavar="RGB=LJUS", multiple=True, callback=parse_colour,
              help="Vilket trafikljus en färg är, t.ex. --colour FFC000=Gul (Grön, Gul, Röd, "
                   "Ingen).")
@click.option("--namn", "name", metavar="NAMN",
              help="Planens namn (visas i rapporterna och årsrapporten); standard: den gamla "
                   "flikens titelrad.")
@today_option("Dagens datum, för Läge efter datumen och utgångsläget i Statushistorik "
              "(standard: i dag).")
@force_option("Skriv över NY.xlsx om den finns.")
def import_command(old: Path, new: Path, sheets: tuple[str, ...], header_row: int | None,
                   columns: tuple[str, ...], colours, name: str | None, today,
                   force: bool) -> None:
    """Gör om en befintlig handlingsplan i Excel till ett huvuddokument.

    Läser den gamla arbetsboken (som inte ändras): fokus- och insatsområden
    ur kolumner eller rubrikrader, ID (nya efter plats om de gamla inte har
    formen 1.3.2), Status ur text, symbol eller cellfärg, Start/Slut/Läge ur
    tidplanens text och Ansvarig/Delaktiga ur ansvarskolumnen. Varje
    tolkning står i fliken Import i den nya filen; det som inte går att
    tolka lämnas tomt och står där som ATT AVGÖRA, liksom dolda och
    genomstrukna rader, cellkommentarer (förda till Statuskommentar eller
    Orsak/Åtgärd), rubriker som inte känns igen och Läge efter datumen.
    Teckenförklaringar och anteckningar under aktiviteterna hoppas över.
    Planens namn tas från --namn eller flikens titelrad, aldrig filnamnet.

    \b
    Exempel:
      plan-sheets import handlingsplan-2019.xlsx huvuddokument.xlsx
      plan-sheets import gammal.xlsx ny.xlsx --sheet Plan --column Status=F --colour FFC000=Gul
    """
    finish(api.import_plan(old, new, sheets=sheets, header_row=header_row, columns=columns,
                           colours=colours, name=name, today=today, force=force))


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="FIL...",
                type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text för människor, json för program.")
@click.option("--report", metavar="FIL.xlsx", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv anmärkningarna till en arbetsbok med länkar till cellerna.")
@click.option("--strict", is_flag=True, help="Underkänn även vid varningar.")
@today_option("Dagens datum för regeln om försenade aktiviteter (standard: i dag).")
def validate(paths: tuple[Path, ...], output: str, report: Path | None, strict: bool,
             today) -> None:
    """Kontrollera arbetsböcker mot reglerna.

    Fungerar på huvuddokumentet och på fokusområdenas arbetsböcker. Varje
    anmärkning anger flik, cell, aktivitet och vad som behöver göras.
    Slutkod 0 = godkänd, 1 = fel i innehållet (eller varningar med
    --strict), 2 = filen går inte att läsa.

    \b
    Exempel:
      plan-sheets validate huvuddokument.xlsx
      plan-sheets validate huvuddokument.xlsx --report anmarkningar.xlsx
      plan-sheets validate inkommande/*.xlsx --format json
    """
    import json

    if report is not None and report.suffix.lower() != ".xlsx":
        raise click.BadParameter("rapporten måste sluta på .xlsx", param_hint="--report")
    result = api.validate(paths, today=today, strict=strict, report=report,
                          progress=progress if output == "text" else api.quiet)
    if output == "json":
        echo(json.dumps(result.data, ensure_ascii=False, indent=2))
        sys.exit(result.exit_code)
    finish(result)


@cli.command("format")
@MAIN
def format_command(path: Path) -> None:
    """Rätta stavningar och lägg på trafikljus och listor i huvuddokumentet.

    Status och Läge skrivs med kontraktets stavning (grön blir Grön; varje
    ändring loggas i Ändringslogg). Trafikljusen på Status, rullgardinslistorna
    för Status, Läge, Fokusområde, Insatsområde och Mål, den låsta rubrikraden
    och filtret läggs på på nytt, och för smala kolumner breddas. Bara de
    celler och regler som behövs ändras; personalens egna regler,
    kommentarer och flikar lämnas orörda, och den tidigare versionen sparas
    i arkiv/.

    \b
    Exempel:
      plan-sheets format huvuddokument.xlsx
    """
    finish(api.format_plan(path, progress=progress))


def parse_year_span(_ctx: click.Context, _param: click.Parameter, value: str | None):
    if value is None:
        return None
    try:
        return api.parse_years(value)
    except UsageProblem as problem:
        raise click.BadParameter(problem.message) from None


@cli.command()
@MAIN
@click.option("--kommun", metavar="KOD",
              help="Kommunens fyrsiffriga kod, t.ex. 0181 för Södertälje (standard: "
                   "Kommunkod i fliken Inställningar).")
@click.option("--ar", "years", metavar="ÅR", callback=parse_year_span,
              help="Åren som hämtas: 2016-2026 eller 2025 (standard: från målens tidigaste "
                   "utgångsår till förra året).")
@click.option("--dry-run", is_flag=True, help="Visa vad som skulle skrivas, men skriv ingenting.")
@click.option("--skriv-over", "overwrite", is_flag=True,
              help="Ersätt inskrivna värden som skiljer sig från Koladas (loggas i "
                   "Ändringslogg).")
@click.option("--api-url", metavar="URL", default="https://api.kolada.se/v3", show_default=True,
              help="Koladas API-adress.")
@click.option("--timeout", metavar="SEKUNDER", type=click.FloatRange(0.1, 600), default=30,
              show_default=True, help="Hur länge varje fråga till Kolada får ta.")
@today_option("Dagens datum, som står i Källa (standard: i dag).")
def matvarden(path: Path, kommun: str | None, years, dry_run: bool, overwrite: bool,
              api_url: str, timeout: float, today) -> None:
    """Hämta målens mätvärden från Kolada till fliken Mätvärden.

    Varje mål som har ett Kolada-KPI (t.ex. N00999) i fliken Mål får ett
    värde per år, med Källa ”Kolada, hämtad ÅÅÅÅ-MM-DD”. Ett värde som
    någon har skrivit in skrivs aldrig över: skiljer det sig från Koladas
    listas det (--skriv-over ersätter). Ett värde som Kolada har reviderat
    sedan förra hämtningen uppdateras. Varje ändring loggas i Ändringslogg
    och den tidigare versionen sparas i arkiv/. Går Kolada inte att nå
    skrivs ingenting (slutkod 2). Kommunkoden står i fliken Inställningar
    (Kommunkod) eller anges med --kommun.

    \b
    Exempel:
      plan-sheets matvarden huvuddokument.xlsx --kommun 0181 --dry-run
      plan-sheets matvarden huvuddokument.xlsx --kommun 0181 --ar 2016-2025
    """
    finish(api.goal_values(path, municipality=kommun, years=years, today=today,
                           api_url=api_url, timeout=timeout, dry_run=dry_run,
                           overwrite=overwrite, progress=progress))


@cli.command()
@MAIN
@out_option("Mappen som fokusområdenas arbetsböcker skrivs till.")
@force_option("Skriv över arbetsböcker i mappen även om någon har ändrat i dem.")
@period_option("Perioden som grupperna skriver sin bedömning för (standard: perioden i dag "
               "enligt fliken Inställningar, t.ex. 2026-T3).")
@reply_by_option("Dagen då grupperna ska ha skickat tillbaka arbetsböckerna, i mejlutkasten "
                 "(standard: två veckor från i dag).")
@today_option()
def split(path: Path, out: Path, force: bool, period, reply_by, today) -> None:
    """Dela upp huvuddokumentet i en arbetsbok per fokusområde.

    Varje fokusområdesgrupp får sina aktiviteter (med alla kolumner, även egna),
    sina insatsområden, målen, trafikljus, rullgardinslistor och instruktioner,
    och sin rad i Bedömningar för perioden att fylla i. En dold flik (Bas)
    minns hur raderna såg ut, så att merge senare kan se exakt vad gruppen har
    ändrat. En arbetsbok i mappen som någon har ändrat i
    skrivs inte över (slutkod 1) utan --force. Där fokusområdesansvarigs
    e-postadress finns (kolumnen E-post i Fokusområden) skrivs också ett
    mejlutkast med arbetsboken som bilaga (fokusomrade-N.eml), att öppna i
    Outlook och skicka.

    \b
    Exempel:
      plan-sheets split huvuddokument.xlsx --out utskick
    """
    finish(api.split(path, out=out, force=force, period=period, reply_by=reply_by,
                     today=today, progress=progress))


@cli.command()
@MAIN
@click.argument("files", metavar="ARBETSBOK...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Visa vad som skulle ändras, men skriv ingenting.")
@period_option("Perioden som filerna rapporterar och som ögonblicksbilden i Statushistorik "
               "gäller (standard: perioden i dag enligt fliken Inställningar; de första fyra "
               "veckorna av en period: den som just tog slut).")
@click.option("--prefer", type=click.Choice(["main", "group"]),
              help="Avgör konflikter: main = huvuddokumentets värde gäller, group = gruppens.")
@today_option()
def merge(path: Path, files: tuple[Path, ...], dry_run: bool, period, prefer: str | None,
          today) -> None:
    """För in fokusområdenas arbetsböcker i huvuddokumentet och kontrollera.

    Varje cell jämförs med hur den såg ut när arbetsboken delades ut: det
    gruppen har ändrat förs in, det som bara har ändrats i huvuddokumentet
    behålls, och har båda ändrat samma cell olika blir det en konflikt. Vid
    konflikter eller fel skrivs ingenting (slutkod 1); --prefer main eller
    --prefer group avgör konflikterna åt ena hållet. Annars skrivs bara de
    ändrade cellerna, en rad per ändring i Ändringslogg och läget för alla
    aktiviteter i Statushistorik; den tidigare versionen sparas i arkiv/.

    \b
    Exempel:
      plan-sheets merge huvuddokument.xlsx inkommande/*.xlsx --dry-run
      plan-sheets merge huvuddokument.xlsx inkommande/*.xlsx --period 2026-T3
    """
    finish(api.merge(path, files, period=period, today=today, dry_run=dry_run, prefer=prefer,
                     progress=progress))


@cli.command()
@click.argument("path", metavar="HUVUDDOKUMENT", type=click.Path(path_type=Path))
@click.option("--year", "year", metavar="ÅÅÅÅ", required=True, type=int,
              help="Året som stängs, t.ex. 2026.")
@click.option("--dry-run", is_flag=True, help="Visa vad som skulle hända, skriv ingenting.")
@click.option("--oppna", is_flag=True,
              help="Öppna ett stängt år igen, för en sammanslagning som kom för sent.")
@today_option()
def arsskifte(path: Path, year: int, dry_run: bool, oppna: bool, today) -> None:
    """Stäng ett år och för över planen till nästa.

    Kräver att årets sista period (t.ex. 2026-T3) är införd, så att
    Statushistorik har en ögonblicksbild av läget när året tog slut; annars
    skrivs ingenting (slutkod 1). Hela året arkiveras i
    arkiv/HUVUDDOKUMENT-ÅÅÅÅ.xlsx. Aktiviteter som var genomförda eller
    avbrutna vid årets slut flyttas till fliken Avslutade med året de
    avslutades: de räknas inte längre i nästa års rapporter, försvinner
    aldrig och deras ID används inte igen. Övriga aktiviteter förs över
    oförändrade; de vars Slut har passerat blir en fråga till styrgruppens
    första möte nästa år. Året markeras som stängt i fliken Inställningar
    (Stängda år): en sammanslagning för en period det året vägras sedan,
    tills året öppnas igen med --oppna. Statushistorik får nästa års
    utgångsläge.

    \b
    Exempel:
      plan-sheets arsskifte huvuddokument.xlsx --year 2026 --dry-run
      plan-sheets arsskifte huvuddokument.xlsx --year 2026
      plan-sheets arsskifte huvuddokument.xlsx --year 2026 --oppna
    """

    finish(api.year_end(path, year=year, today=today, dry_run=dry_run, reopen=oppna,
                        progress=progress))


@cli.command()
@MAIN
@out_option("Mappen som styrgrupp/ och fokusomraden/ skrivs i.")
@period_option("Perioden som rapporten gäller (standard: perioden i dag enligt fliken "
               "Inställningar, t.ex. 2026-T3).")
@click.option("--no-personal-data", is_flag=True,
              help="Utan kontaktpersoner och andra personuppgifter (för en offentlig handling).")
@today_option("Dagens datum för försenade aktiviteter (standard: i dag).")
def report(path: Path, out: Path, period, no_personal_data: bool, today) -> None:
    """Ta fram styrgruppens rapport och en arbetsbok per fokusområde.

    Styrgruppens arbetsbok (MAPP/styrgrupp/styrgruppsrapport-PERIOD.xlsx) följer
    mötets ordning: att besluta (avvikelserna, röda först, med vad styrgruppen
    ombeds göra; föreslagna aktiviteter; beslut att följa upp), sammanfattning
    med fokusområdenas bedömningar, rapportering, förändringar i planen, per
    ansvarig, synpunkter, försenade aktiviteter, målkopplingen,
    valideringsresultatet och en flik per fokusområde. Varje
    fokusområde får MAPP/fokusomraden/fokusomrade-N-PERIOD.xlsx. Har
    huvuddokumentet fel skrivs rapporten ändå, och felen visas i den.

    \b
    Exempel:
      plan-sheets report huvuddokument.xlsx --out rapporter
      plan-sheets report huvuddokument.xlsx --out offentlig --period 2026-T3 --no-personal-data
    """
    finish(api.report(path, out=out, period=period, today=today,
                      personal_data=not no_personal_data, progress=progress))


@cli.command()
@MAIN
@out_option("Mappen som påminnelserna skrivs till, en textfil per ansvarig.")
@period_option("Perioden som ska följas upp (standard: perioden i dag enligt fliken "
               "Inställningar, t.ex. 2026-T3).")
@reply_by_option("Dagen då svaren ska ha kommit in (standard: två veckor från i dag).")
@today_option()
def paminnelser(path: Path, out: Path, period, reply_by, today) -> None:
    """Skriv en påminnelse per ansvarigt kontor, klar att skicka.

    Varje ansvarig får ett mejlutkast (MAPP/paminnelse-KONTOR.eml, öppnas i
    Outlook som ett mejl att skicka) till kontaktpersonernas adresser i
    kolumnen E-post, eller en textfil att klistra in i ett mejl
    (paminnelse-KONTOR.txt) när ingen adress finns. Där står de aktiviteter som
    behöver uppdateras under perioden: läge och status i dag och vad som
    saknas – en uppdatering under perioden, orsak till avvikelse,
    rekommenderad åtgärd, ett datum – och när svaret ska ha kommit in. Kontor
    utan något att uppdatera får ingen fil.

    \b
    Exempel:
      plan-sheets paminnelser huvuddokument.xlsx --out paminnelser
      plan-sheets paminnelser huvuddokument.xlsx --out paminnelser --svar-senast 2026-12-18
    """
    finish(api.reminders(path, out=out, period=period, reply_by=reply_by, today=today))


@cli.command()
@MAIN
@click.option("--year", "year", metavar="ÅÅÅÅ", required=True, type=click.IntRange(1900, 2200),
              help="Året som rapporten gäller.")
@out_option("Mappen som arsrapport-ÅÅÅÅ/ skrivs i.")
@click.option("--med-namn", "with_names", is_flag=True,
              help="Ta med kontaktpersoner och andra namn. Utan flaggan är årsrapporten "
                   "utan personuppgifter, eftersom den blir en offentlig handling.")
@click.option("--no-personal-data", "public", is_flag=True, hidden=True,
              help="Utan personuppgifter (standard för årsrapporten).")
@click.option("--mall", "template", metavar="MALL.docx",
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Kommunens egen Word-mall för tjänsteskrivelsen, med platshållarna som "
                   "handboken listar (standard: plan-sheets egen).")
@today_option()
def annual(path: Path, year: int, out: Path, with_names: bool, public: bool,
           template: Path | None, today) -> None:
    """Ta fram årsrapporten till kommunstyrelsen med diagram.

    Skriver MAPP/arsrapport-ÅÅÅÅ/ med en tillgänglig PDF (A4 liggande, taggad,
    med bokmärken: året på en sida, avvikelser, status för varje beslutad
    aktivitet per fokusområde och insatsområde, målen och måltäckningen),
    varje diagram som PNG i diagram/, en arbetsbok med samma siffror och
    diagram som går att ändra i Excel och ett utkast till tjänsteskrivelse
    (tjansteskrivelse-ÅÅÅÅ.docx) att göra klar i Word. Rapporten är en offentlig handling:
    den är utan kontaktpersoner och andra namn om inte --med-namn anges. Har
    huvuddokumentet fel skrivs ingenting (slutkod 1).

    \b
    Exempel:
      plan-sheets annual huvuddokument.xlsx --year 2026 --out rapporter
      plan-sheets annual huvuddokument.xlsx --year 2026 --out internt --med-namn
      plan-sheets annual huvuddokument.xlsx --year 2026 --out rapporter --mall var-mall.docx
    """
    if with_names and public:
        raise click.UsageError("Välj antingen --med-namn eller --no-personal-data.")
    finish(api.annual(path, year=year, out=out, personal_data=with_names, template=template,
                      today=today, progress=progress))


@cli.command()
@MAIN
@out_option("Mappen som webbplatsen skrivs till.")
@period_option("Perioden som sidorna visar (standard: perioden i dag enligt fliken "
               "Inställningar, t.ex. 2026-T3). En period som är slut visas ur sin "
               "ögonblicksbild i Statushistorik.")
@click.option("--med-namn", "with_names", is_flag=True,
              help="Ta med kontaktpersoner. Utan flaggan visar webbplatsen inga namn, "
                   "eftersom den är offentlig.")
@today_option()
def webb(path: Path, out: Path, period, with_names: bool, today) -> None:
    """Skriv en statisk webbplats om handlingsplanen att publicera.

    MAPP/index.html visar läget per fokusområde, vad som har ändrats och
    styrgruppens beslut under perioden; varje fokusområde och varje mätbart
    mål får en egen sida, och alla beslutade aktiviteter finns som öppna data
    (aktiviteter.csv och aktiviteter.json). Sidorna är tillgängliga (WCAG 2.1
    AA), fungerar utan JavaScript och hämtar ingenting utifrån: kopiera hela
    mappen till kommunens webbserver. Utan --med-namn visas inga namn.

    \b
    Exempel:
      plan-sheets webb huvuddokument.xlsx --out webbplats
      plan-sheets webb huvuddokument.xlsx --out webbplats --period 2026-T2
    """
    finish(api.web(path, out=out, period=period, today=today, personal_data=with_names,
                   progress=progress))


@cli.command()
@click.option("--workbooks", "workbooks", metavar="MAPP", default=Path("."),
              type=click.Path(file_okay=False, path_type=Path),
              help="Mappen med huvuddokument.xlsx och undermappen inkommande/ (standard: "
                   "mappen du står i).")
@out_option("Mappen som rapporterna skrivs till (standard: rapporter/ i --workbooks).",
            required=False)
@click.option("--med-namn", "with_names", is_flag=True,
              help="Årsrapporten med kontaktpersoner och andra namn (standard: utan).")
@period_option("Perioden som filerna rapporterar och rapporterna gäller (standard: perioden i "
               "dag enligt fliken Inställningar; de första veckorna av en period: den som just "
               "tog slut).")
@today_option()
def run(workbooks: Path, out: Path | None, with_names: bool, period, today) -> None:
    """Kör hela kedjan: sammanslagning, kontroll och rapporter.

    För in alla arbetsböcker i MAPP/inkommande/ i MAPP/huvuddokument.xlsx,
    kontrollerar resultatet och skriver styrgruppens rapporter,
    påminnelserna till kontoren (i paminnelser/), webbplatsen att publicera
    (i webb/, utan namn) och årsrapporten till MAPP/rapporter/ (eller --out).
    MAPP är mappen du står i, om du inte anger en annan med --workbooks.
    Stoppar utan att skriva något om sammanslagningen hittar fel eller
    konflikter (slutkod 1). Har huvuddokumentet fel skrivs styrgruppens
    rapporter (med felen listade) men inte webbplatsen och årsrapporten
    (slutkod 1).

    \b
    Exempel:
      plan-sheets run
      plan-sheets run --workbooks Handlingsplan
      plan-sheets run --workbooks Handlingsplan --out Handlingsplan/rapporter-2026
    """
    finish(api.run(workbooks, out=out, today=today, period=period, annual_names=with_names,
                   progress=progress))


@cli.command()
@out_option("Mappen som exemplet kopieras till.", required=False, default=Path("output/demo"))
@today_option()
def demo(out: Path, today) -> None:
    """Kör hela kedjan på det medföljande exemplet.

    Kopierar exemplets huvuddokument och fokusområdenas ifyllda arbetsböcker
    till mappen och kör där allt som processledaren gör: sammanslagning,
    kontroll, styrgruppsrapport, påminnelser, webbplats och årsrapport.
    Exemplet som följer med plan-sheets lämnas orört.

    \b
    Exempel:
      plan-sheets demo
      plan-sheets demo --out /tmp/demo
    """
    finish(api.demo(out, today=today, progress=progress))


def main() -> None:
    """Console-script entry point."""
    printable_output()
    cli.main(prog_name="plan-sheets")


def printable_output() -> None:
    """Let output redirected to a file in a legacy code page replace what it cannot hold.

    On Windows, `plan-sheets … > ut.txt` writes in the ANSI code page (cp1252), which
    has å, ä and ö but not every character a message uses (→); a message must never
    fail, least of all after the work is done.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
