"""The seminar decks: what each slide holds (`slides`), the slide model and its measures (`model`), and its
two writers, PowerPoint (`pptx`) and reveal.js HTML (`html`, with the vendored reveal.js: `reveal`)."""
