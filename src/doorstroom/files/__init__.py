"""Files users hand in and take away: CSV/XLSX reading, CSV dialects, workbooks, safe output."""
