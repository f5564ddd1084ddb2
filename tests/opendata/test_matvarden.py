"""matvarden against a Kolada on 127.0.0.1: the real HTTP client, the real lossless writer."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from builders import PlanBook
from plan_sheets.cli import cli
from plan_sheets.errors import SourceUnavailable
from plan_sheets.opendata.command import fetch_goal_values
from plan_sheets.opendata.kolada import KoladaSource
from plan_sheets.workbook.reader import read_workbook

TODAY = dt.date(2026, 12, 7)
NOW = dt.datetime(2026, 12, 7, 9, 30)
YEARS = (2016, 2020)
FETCHED = "Kolada, hämtad 2026-12-07"


def book_with_kpis(tmp_path, *, m1="N00999", m2="N00914", measurements=None):
    book = PlanBook()
    book.goals[0] += [m1, None]
    book.goals[1] += [m2, "K"]
    if measurements is not None:
        book.measurements = measurements
    return book.write(tmp_path / "plan.xlsx")


def serve(kolada, values=None):
    kolada.titles.update({"N00999": "Nystartade företag, antal/1000 inv 16-64 år",
                          "N00914": "Förvärvsarbetande invånare 20-64 år, andel (%)"})
    kolada.data.update(values if values is not None else {
        ("N00999", "T", 2016): 8.9, ("N00999", "T", 2017): 9.3, ("N00999", "T", 2018): 9.1,
        ("N00999", "T", 2019): None, ("N00999", "T", 2020): 10.2,
        ("N00914", "T", 2019): 74.0, ("N00914", "K", 2019): 72.4,
        ("N00914", "M", 2019): 75.5, ("N00914", "K", 2020): 71.9,
    })


def fast(kolada_url, **options):
    """Kolada at `kolada_url`; the pauses it would take are recorded, not slept."""
    slept: list[float] = []
    options = {"retries": 2, "timeout": 5, **options}
    return KoladaSource(kolada_url, sleep=slept.append, **options), slept


def fetch(path, kolada, **options):
    source, _slept = fast(kolada.url)
    options = {"municipality": "0181", "years": YEARS, "today": TODAY, "now": NOW,
               "source": source, **options}
    return fetch_goal_values(path, **options)


def rows(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


@pytest.mark.parametrize("next_key", ["next_page", "next_url"])
def test_two_pages_are_fetched_and_written_with_their_source(tmp_path, kolada, next_key):
    serve(kolada)
    kolada.page_size, kolada.next_key = 4, next_key
    path = book_with_kpis(tmp_path)
    result = fetch(path, kolada)
    data_requests = [r for r in kolada.requests if "/data/" in r]
    assert data_requests == [
        "/v3/data/kpi/N00914,N00999/municipality/0181/year/2016,2017,2018,2019,2020",
        "/v3/data/kpi/N00914,N00999/municipality/0181/year/2016,2017,2018,2019,2020?page=2"]
    assert rows(path, "Mätvärden") == [
        ["M1", 2024, 150, None, None], ["M2", 2024, 72.5, None, None],
        ["M1", 2016, 8.9, None, FETCHED], ["M1", 2017, 9.3, None, FETCHED],
        ["M1", 2018, 9.1, None, FETCHED], ["M1", 2020, 10.2, None, FETCHED],
        ["M2", 2019, 72.4, None, FETCHED], ["M2", 2020, 71.9, None, FETCHED]]
    log = rows(path, "Ändringslogg")
    assert [r[1:6] for r in log] == [
        ["matvarden", "M1", "Mätvärde 2016", None, 8.9],
        ["matvarden", "M1", "Mätvärde 2017", None, 9.3],
        ["matvarden", "M1", "Mätvärde 2018", None, 9.1],
        ["matvarden", "M1", "Mätvärde 2020", None, 10.2],
        ["matvarden", "M2", "Mätvärde 2019", None, 72.4],
        ["matvarden", "M2", "Mätvärde 2020", None, 71.9]]
    assert log[0][0] == NOW
    lines = result.summary()
    assert ('  M1 N00999 ”Nystartade företag, antal/1000 inv 16-64 år” — målets indikator: '
            'Ranking') in lines
    assert "      4 värden; inget värde i Kolada för 2019" in lines
    assert "      2 värden; inget värde i Kolada för 2016–2018" in lines
    assert "Skrev 6 nya värden, 0 ändrade, 0 oförändrade." in lines
    assert result.findings == ()
    assert result.written.archive_path.parent.name == "arkiv"


def test_a_second_fetch_changes_nothing_and_a_revised_value_is_updated_and_logged(
        tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path)
    fetch(path, kolada)
    again = fetch(path, kolada)
    assert again.written is None and not again.decision.changed
    assert "Inget att skriva: 0 nya värden, 0 ändrade, 6 oförändrade." in again.summary()
    kolada.data["N00999", "T", 2018] = 9.4
    revised = fetch(path, kolada, today=TODAY + dt.timedelta(days=30))
    assert rows(path, "Mätvärden")[4] == ["M1", 2018, 9.4, None, "Kolada, hämtad 2027-01-06"]
    assert rows(path, "Ändringslogg")[-1][1:6] == ["matvarden", "M1", "Mätvärde 2018", 9.1,
                                                  9.4]
    assert "  M1 2018: 9,1 → 9,4 (reviderat i Kolada)" in revised.summary()


def test_a_typed_value_that_differs_is_left_and_listed_unless_skriv_over(tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path, measurements=[["M1", 2017, 9, "Från årsredovisningen"]])
    result = fetch(path, kolada)
    assert [(f.code, f.sheet, f.cell, f.activity_id, f.message) for f in result.findings] == [
        ("KOLADA_VALUE_DIFFERS", "Mätvärden", "C2", "M1",
         "M1 2017: det inskrivna värdet ”9” skiljer sig från Koladas 9,3; det inskrivna "
         "värdet lämnas.")]
    assert rows(path, "Mätvärden")[0] == ["M1", 2017, 9, "Från årsredovisningen", None]
    replaced = fetch(path, kolada, overwrite=True)
    assert rows(path, "Mätvärden")[0] == ["M1", 2017, 9.3, "Från årsredovisningen", FETCHED]
    assert rows(path, "Ändringslogg")[-1][1:6] == ["matvarden", "M1", "Mätvärde 2017", 9, 9.3]
    assert "  M1 2017: 9 → 9,3 (ersatt (--skriv-over))" in replaced.summary()
    assert replaced.findings == ()


def test_a_fetched_value_a_person_changed_afterwards_counts_as_typed(tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path, measurements=[])
    fetch(path, kolada)
    wb = openpyxl.load_workbook(path)
    wb["Mätvärden"]["C2"] = 8.5  # M1 2016, fetched as 8.9, corrected by hand
    wb.save(path)
    kolada.data["N00999", "T", 2016] = 9.0
    result = fetch(path, kolada)
    assert [(f.code, f.cell) for f in result.findings] == [("KOLADA_VALUE_DIFFERS", "C2")]
    assert rows(path, "Mätvärden")[0][:3] == ["M1", 2016, 8.5]


def test_an_unknown_kpi_is_a_finding_naming_the_goal_and_cell_and_the_rest_is_written(
        tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path, m2="N99999")
    result = fetch(path, kolada)
    assert [(f.code, f.sheet, f.cell, f.activity_id, f.message) for f in result.findings] == [
        ("KOLADA_KPI_UNKNOWN", "Mål", "K3", "M2",
         "Kolada känner inte till nyckeltalet ”N99999” (målet M2); målets värden hämtas inte.")]
    assert "  M2 N99999, kön K: okänt i Kolada — målets indikator: Sysselsättning" in \
        result.summary()
    assert {r[0] for r in rows(path, "Mätvärden")[2:]} == {"M1"}


def test_an_id_that_is_no_kpi_id_and_a_wrong_gender_are_not_asked_for(tmp_path, kolada):
    serve(kolada)
    book = PlanBook()
    book.goals[0] += ["nystartade", None]
    book.goals[1] += ["N00914", "X"]
    result = fetch(book.write(tmp_path / "plan.xlsx"), kolada)
    assert [(f.code, f.cell, f.activity_id) for f in result.findings] == [
        ("KOLADA_KPI_UNKNOWN", "K2", "M1"), ("KOLADA_GENDER_INVALID", "L3", "M2")]
    assert kolada.requests == []


def test_at_most_25_ids_per_request(tmp_path, kolada):
    kpis = [f"N{n:05d}" for n in range(1, 31)]
    kolada.titles.update({k: f"Nyckeltal {k}" for k in kpis})
    kolada.data.update({(k, "T", 2020): float(i) for i, k in enumerate(kpis)})
    book = PlanBook()
    book.goals = [[f"M{i + 1}", f"Mål {i + 1}", "", "", None, None, None, None, None, None, k]
                  for i, k in enumerate(kpis)]
    path = book.write(tmp_path / "plan.xlsx")
    result = fetch(path, kolada, years=(2020, 2020))
    asked = [r.split("/")[4].split(",") for r in kolada.requests if "/data/" in r]
    assert [len(ids) for ids in asked] == [25, 5]
    assert len(result.decision.new) == 30


def test_a_500_then_success_is_retried_after_a_pause(tmp_path, kolada):
    serve(kolada)
    kolada.script.append({"status": 500})
    source, slept = fast(kolada.url)
    path = book_with_kpis(tmp_path)
    lines: list[str] = []
    result = fetch(path, kolada, source=source, progress=lines.append)
    assert slept == [1.0]
    assert "Kolada svarade 500 (Internal Server Error): fel hos Kolada; försöker igen om 1 s " \
           "(försök 2 av 3) …" in lines
    assert len(result.decision.new) == 6


def test_a_429_waits_as_long_as_retry_after_asks(tmp_path, kolada):
    serve(kolada)
    kolada.script.append({"status": 429, "headers": {"Retry-After": "3"}})
    source, slept = fast(kolada.url)
    result = fetch(book_with_kpis(tmp_path), kolada, source=source)
    assert slept == [3.0]
    assert len(result.decision.new) == 6


def unchanged(path, before: bytes) -> bool:
    return path.read_bytes() == before and not (path.parent / "arkiv").exists()


def test_500_every_time_gives_up_and_writes_nothing(tmp_path, kolada):
    serve(kolada)
    kolada.script += [{"status": 503}] * 3
    source, slept = fast(kolada.url)
    path = book_with_kpis(tmp_path)
    before = path.read_bytes()
    with pytest.raises(SourceUnavailable) as failed:
        fetch(path, kolada, source=source)
    assert slept == [1.0, 2.0]
    assert "Kolada svarade 503" in failed.value.message
    assert "gav upp efter 3 försök" in failed.value.message
    assert "Ingenting har skrivits i huvuddokumentet." in failed.value.message
    assert unchanged(path, before)


def test_a_timeout_writes_nothing(tmp_path, kolada):
    serve(kolada)
    kolada.script.append({"pause": 1.0})
    source, _slept = fast(kolada.url, timeout=0.2, retries=0)
    path = book_with_kpis(tmp_path)
    before = path.read_bytes()
    with pytest.raises(SourceUnavailable) as failed:
        fetch(path, kolada, source=source)
    assert failed.value.message.startswith("Kolada svarade inte inom 0,2 sekunder")
    assert unchanged(path, before)


def test_a_server_that_is_down_writes_nothing(tmp_path, closed_port, kolada):
    source, slept = fast(f"http://127.0.0.1:{closed_port}/v3")
    path = book_with_kpis(tmp_path)
    before = path.read_bytes()
    with pytest.raises(SourceUnavailable) as failed:
        fetch(path, kolada, source=source)
    assert "Kolada gick inte att nå" in failed.value.message
    assert slept == [1.0, 2.0]
    assert unchanged(path, before)


def run(args):
    return CliRunner().invoke(cli, ["matvarden", *map(str, args)])


def test_cli_writes_and_exits_0(tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path)
    result = run([path, "--kommun", "0181", "--ar", "2016-2020", "--api-url", kolada.url,
                  "--today", "2026-12-07"])
    assert result.exit_code == 0, result.output
    assert "Skrev 6 nya värden, 0 ändrade, 0 oförändrade." in result.output
    assert read_workbook(path).plan.measurements[2].source == FETCHED


def test_cli_dry_run_writes_nothing(tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path)
    before = path.read_bytes()
    result = run([path, "--kommun", "0181", "--ar", "2016-2020", "--api-url", kolada.url,
                  "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "Skulle skriva 6 nya värden" in result.output
    assert "Inget skrevs (--dry-run)." in result.output
    assert unchanged(path, before)


@pytest.mark.parametrize("body", [b"<html>Underhall</html>", b'{"values": 3}',
                                  b'{"values": [{"kpi": "N00999", "period": "2019"}]}'])
def test_cli_an_answer_that_is_not_koladas_json_exits_2(tmp_path, kolada, body):
    serve(kolada)
    kolada.script.append({"body": body})
    path = book_with_kpis(tmp_path)
    before = path.read_bytes()
    result = run([path, "--kommun", "0181", "--api-url", kolada.url])
    assert result.exit_code == 2, result.output
    assert "Kolada svarade med" in result.output
    assert "Ingenting har skrivits i huvuddokumentet." in result.output
    assert "Traceback" not in result.output
    assert unchanged(path, before)


def test_cli_a_wrong_address_exits_2(tmp_path, kolada):
    path = book_with_kpis(tmp_path)
    result = run([path, "--kommun", "0181", "--api-url", kolada.url + "/fel"])
    assert result.exit_code == 2, result.output
    assert "Kolada svarade 404" in result.output


@pytest.mark.parametrize(("args", "message"), [
    ([], "Kommunkoden saknas: skriv den i fliken Inställningar (Kommunkod) eller ange"),
    (["--kommun", "181"], "Kommunkoden ”181” (--kommun) ska vara fyra siffror"),
    (["--kommun", "0181", "--ar", "2026-2016"], "det sista året ligger före det första"),
    (["--kommun", "0181", "--ar", "förra året"], "skriv ett år (2025) eller ett spann"),
])
def test_cli_a_wrong_command_line_exits_2(tmp_path, kolada, args, message):
    path = book_with_kpis(tmp_path)
    result = run([path, "--api-url", kolada.url, *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert kolada.requests == []


@pytest.mark.parametrize("typed", ["0181", 181])
def test_the_municipality_code_comes_from_installningar(tmp_path, kolada, typed):
    serve(kolada)
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Kommunkod", typed, ""]]})
    book.goals[0] += ["N00999", None]
    path = book.write(tmp_path / "plan.xlsx")
    result = run([path, "--ar", "2020", "--api-url", kolada.url])
    assert result.exit_code == 0, result.output
    assert "Mätvärden från Kolada för kommun 0181, 2020:" in result.output
    assert kolada.requests[0] == "/v3/data/kpi/N00999/municipality/0181/year/2020"
    given = run([path, "--ar", "2020", "--api-url", kolada.url, "--kommun", "0180"])
    assert "för kommun 0180" in given.output


def test_a_wrong_code_in_installningar_names_the_cell_and_exits_2(tmp_path, kolada):
    book = PlanBook(staff_sheets={"Inställningar": [
        ["Inställning", "Värde", "Förklaring"], ["Kommunkod", "Södertälje", ""]]})
    result = run([book.write(tmp_path / "plan.xlsx"), "--api-url", kolada.url])
    assert result.exit_code == 2, result.output
    assert "Kommunkoden ”Södertälje” (Inställningar!B2) ska vara fyra siffror" in \
        result.output


def test_an_unreadable_matvarden_row_stops_it_before_fetching(tmp_path, kolada):
    serve(kolada)
    path = book_with_kpis(tmp_path, measurements=[["M1", 2017, "n/a", ""]])
    before = path.read_bytes()
    result = run([path, "--kommun", "0181", "--api-url", kolada.url])
    assert result.exit_code == 1, result.output
    assert "mätvärdena hämtas inte förrän det här är rättat" in result.output
    assert "Mätvärden!C2" in result.output
    assert kolada.requests == []
    assert unchanged(path, before)
