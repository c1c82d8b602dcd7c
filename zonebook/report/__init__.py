"""The book's rendering: the pages' HTML (`html`), the charts (`charts`), the generated Markdown pages
(`pages`), the data folder's Markdown made inert (`markdown`) and the one rule for web addresses (`links`).
A renderer holds no analysis: it prints what `zonebook.analysis` computes."""
