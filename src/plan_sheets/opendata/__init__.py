"""Goal values from open data: `matvarden` fetches the measurable goals' values.

A source (`source.Source`) turns indicator ids and a municipality into
observations; `kolada` is Kolada's open API (RKA's municipal key figures).
`values` decides, without files, what the huvuddokument's `Mätvärden` should get
(new rows, values the source revised, values a person typed that differ), and
`command` reads the huvuddokument, fetches, decides and writes through the
lossless writer. A second source (SCB's PxWeb API, JSON-stat2) is one more module
beside `kolada` and one more entry in `command.SOURCES`.
"""
