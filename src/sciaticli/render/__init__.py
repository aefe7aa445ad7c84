"""Output: a page (render.document's blocks plus its JSON data) drawn in every format, safely.

One job a module:
    document     the blocks a page is made of, and the page itself
    output       the one place that picks the format and colour and writes a page out
    safe         text from outside made safe to show (control codes, encodings)
    terminal     the styled terminal format (rich), imported only when chosen
    text         plain text and Markdown
    html         one self-contained HTML page to print or keep
    svg          charts and figures as inline SVG for the HTML page
    jsonstream   a JSON object written a member at a time, for a page too big to hold
    spreadsheet  CSV a spreadsheet will not run as a formula
    chart        the trend chart drawn in characters
    figure       a figure drawn in characters and as SVG
    commands     `sciaticli ...` in the knowledge base's text drawn as a command
    pager        a page taller than the terminal shown through less
"""
