from ._textmend import Change as Change
from ._textmend import Detection as Detection
from ._textmend import __version__ as __version__
from ._textmend import clean as clean
from ._textmend import detect as detect
from ._textmend import fix_and_explain as fix_and_explain
from ._textmend import fix_text as fix_text
