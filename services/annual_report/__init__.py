"""The innovationsbokslut, the yearly account of the innovation work: `report` (a year's figures for the
region, each core area and each organisation, commentary, freezing a published year) and `export` (the
same report as an .xlsx workbook and a PDF with charts)."""
