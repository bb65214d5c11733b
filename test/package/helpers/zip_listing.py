"""Lists a zip with Python's own reader (not the library that wrote it), as JSON on stdout.

Usage: python3 zip_listing.py ZIP [EXTRACT_DIR]
Prints {"corrupt": first bad member or null, "entries": [{name, mode, date, size, unix}]};
with EXTRACT_DIR, also extracts every member there.
"""

import json
import sys
import zipfile

with zipfile.ZipFile(sys.argv[1]) as archive:
    report = {
        "corrupt": archive.testzip(),
        "entries": [
            {
                "name": info.filename,
                "mode": info.external_attr >> 16,
                "date": list(info.date_time),
                "size": info.file_size,
                "unix": info.create_system == 3,
            }
            for info in archive.infolist()
        ],
    }
    if len(sys.argv) > 2:
        archive.extractall(sys.argv[2])
print(json.dumps(report))
