"""Kolada's open API (v3): key figures per municipality and year, free and without a key.

    GET {base}/data/kpi/{ids}/municipality/{code}/year/{years}
    {"count": 2, "values": [{"kpi": "N00999", "municipality": "0181", "period": 2024,
                             "values": [{"gender": "T", "count": 1, "status": "",
                                         "value": 10.1}, ...]}, ...],
     "next_page": "https://api.kolada.se/v3/…?page=2"}
    GET {base}/kpi/{ids}
    {"count": 1, "values": [{"id": "N00999", "title": "Nystartade företag, …", ...}]}

At most 25 ids go in one request. A long answer comes in pages, each naming the
next (`next_page`; earlier versions of the API said `next_url` or `next`). A value
may be null (the year is published without a value). 429 (too many requests) and
5xx answers, timeouts and lost connections are tried again after a pause that
doubles (or what Retry-After asks, within reason); anything else that is not the
published JSON stops the fetch with SourceUnavailable.
"""

from __future__ import annotations

import email.utils
import math
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urljoin

from plan_sheets.errors import SourceUnavailable
from plan_sheets.opendata.source import Fetched, Observation
from plan_sheets.progress import Progress, quiet
from plan_sheets.swedish import number

DEFAULT_URL = "https://api.kolada.se/v3"
MAX_IDS = 25
"""Kolada answers at most 25 ids per request."""
MAX_PAGES = 1000
"""A guard against a server whose next page never ends."""
NEXT_KEYS = ("next_page", "next_url", "next")
TIMEOUT = 30.0
RETRIES = 3
BACKOFF = 1.0
"""Seconds before the first retry; each next one waits twice as long."""
LONGEST_WAIT = 60.0
"""The longest pause a Retry-After header is obeyed for."""
NOTHING_WRITTEN = "Ingenting har skrivits i huvuddokumentet."


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _retry_after(header: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    if not header:
        return None
    try:
        seconds = float(header)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    if not math.isfinite(seconds):
        return None
    return min(max(seconds, 0.0), LONGEST_WAIT)


class KoladaSource:
    """Kolada's open API over httpx, with timeouts, retries and paging."""

    name = "Kolada"
    goal_field = "kolada_kpi"

    def __init__(self, base_url: str = DEFAULT_URL, *, timeout: float = TIMEOUT,
                 retries: int = RETRIES, backoff: float = BACKOFF,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep

    def fetch(self, indicators: Sequence[str], *, area: str, years: Sequence[int],
              progress: Progress = quiet) -> Fetched:
        """Titles and values of `indicators` in municipality `area` for `years`.

        Raises SourceUnavailable (what failed, in Swedish) when Kolada cannot be
        reached, does not answer in time, or answers something else than its JSON.
        """
        import httpx

        ids = sorted(set(indicators))
        titles: dict[str, str] = {}
        observations: list[Observation] = []
        if not ids or not years:
            return Fetched(titles, observations)
        year_text = ",".join(str(y) for y in sorted(set(years)))
        headers = {"Accept": "application/json", "User-Agent": "plan-sheets"}
        with httpx.Client(timeout=self.timeout, headers=headers,
                          follow_redirects=True) as client:
            for part in _chunks(ids, MAX_IDS):
                joined = ",".join(quote(i, safe="") for i in part)
                what = f"nyckeltal {part[0]}" if len(part) == 1 else \
                    f"nyckeltalen {part[0]}–{part[-1]}"
                url = (f"{self.base_url}/data/kpi/{joined}/municipality/{quote(area, safe='')}"
                       f"/year/{year_text}")
                for item in self._pages(client, url, what, progress):
                    observations += _observations(item, url)
                titles.update(self._titles(client, part, progress))
        return Fetched(titles, observations)

    def _titles(self, client, ids: Sequence[str], progress: Progress) -> dict[str, str]:
        joined = ",".join(quote(i, safe="") for i in ids)
        url = f"{self.base_url}/kpi/{joined}"
        found: dict[str, str] = {}
        for item in self._pages(client, url, "nyckeltalens namn", progress, missing_ok=True):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise _unexpected(url, "ett nyckeltal utan id")
            found[item["id"]] = str(item.get("title") or "")
        return found

    def _pages(self, client, url: str, what: str, progress: Progress, *,
               missing_ok: bool = False) -> Iterator[Any]:
        """The items of every page of an answer, following the next-page links."""
        seen: set[str] = set()
        next_url: str | None = url
        page = 0
        while next_url is not None and next_url not in seen and page < MAX_PAGES:
            seen.add(next_url)
            page += 1
            progress(f"Hämtar {what} från Kolada" + (f", sida {page}" if page > 1 else "")
                     + " …")
            answer = self._get(client, next_url, progress, missing_ok=missing_ok)
            if answer is None:
                return
            if not isinstance(answer, dict) or not isinstance(answer.get("values"), list):
                raise _unexpected(next_url, "inget fält values med en lista")
            yield from answer["values"]
            link = next((answer[k] for k in NEXT_KEYS if answer.get(k)), None)
            if link is not None and not isinstance(link, str):
                raise _unexpected(next_url, "en länk till nästa sida som inte är en adress")
            next_url = urljoin(next_url, link) if link else None

    def _get(self, client, url: str, progress: Progress, *, missing_ok: bool = False) -> Any:
        """The JSON at `url`, retrying what may pass; None for a 404 when `missing_ok`."""
        import httpx

        failure = ""
        for attempt in range(self.retries + 1):
            wait = self.backoff * 2 ** attempt
            try:
                response = client.get(url)
            except httpx.TimeoutException:
                failure = f"Kolada svarade inte inom {number(self.timeout)} sekunder"
            except httpx.ConnectError:
                failure = ("Kolada gick inte att nå (ingen nätverksanslutning, eller "
                           "anslutningen nekades)")
            except httpx.TransportError as error:
                failure = f"anslutningen till Kolada bröts ({type(error).__name__})"
            else:
                status = response.status_code
                if status == 200:
                    try:
                        return response.json()
                    except ValueError:
                        raise _unexpected(url, "något som inte är JSON") from None
                if status == 404 and missing_ok:
                    return None
                if status != 429 and status < 500:
                    raise SourceUnavailable(
                        f"Kolada svarade {status} ({response.reason_phrase}) på {url}. "
                        f"{NOTHING_WRITTEN}",
                        hint="Stämmer adressen (--api-url)? Kolada: https://api.kolada.se/v3")
                failure = (f"Kolada svarade {status} ({response.reason_phrase}): "
                           + ("för många frågor" if status == 429 else "fel hos Kolada"))
                asked = _retry_after(response.headers.get("Retry-After"))
                if asked is not None:
                    wait = asked
            if attempt < self.retries:
                progress(f"{failure}; försöker igen om {number(wait)} s (försök {attempt + 2} "
                         f"av {self.retries + 1}) …")
                self.sleep(wait)
        raise SourceUnavailable(
            f"{failure} ({url}); gav upp efter {self.retries + 1} försök. {NOTHING_WRITTEN}",
            hint="Kontrollera nätverket och försök igen om en stund.")


def _unexpected(url: str, what: str) -> SourceUnavailable:
    return SourceUnavailable(
        f"Kolada svarade med {what}, inte det väntade formatet ({url}). {NOTHING_WRITTEN}",
        hint="Stämmer adressen (--api-url)? Kolada: https://api.kolada.se/v3")


def _number(value: Any, url: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) \
            or not math.isfinite(value):
        raise _unexpected(url, f"värdet {value!r}, som inte är ett tal")
    return float(value)


def _observations(item: Any, url: str) -> list[Observation]:
    """One item of a data answer: a KPI's values in one municipality and year."""
    if not isinstance(item, dict) or not isinstance(item.get("kpi"), str) \
            or not isinstance(item.get("values"), list):
        raise _unexpected(url, "en post utan kpi och values")
    period = item.get("period")
    if isinstance(period, str) and period.isdigit():
        period = int(period)
    if isinstance(period, bool) or not isinstance(period, int):
        raise _unexpected(url, f"perioden {period!r}, som inte är ett år")
    out = []
    for value in item["values"]:
        if not isinstance(value, dict) or not isinstance(value.get("gender"), str):
            raise _unexpected(url, "ett värde utan gender")
        out.append(Observation(item["kpi"], period, value["gender"],
                               _number(value.get("value"), url)))
    return out
