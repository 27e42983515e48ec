# Only the two corpus files ITA Desktop reads (newmm's word list, and the stop words that
# pythainlp's tokenizer module loads); the contrib hook would bundle the whole 63 MB corpus.
from pathlib import Path

import pythainlp

_corpus = Path(pythainlp.__file__).parent / "corpus"
datas = [(str(_corpus / name), "pythainlp/corpus") for name in ("words_th.txt", "stopwords_th.txt")]
