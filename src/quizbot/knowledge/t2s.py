"""Traditional to simplified Chinese: OpenCC where it is installed, else a small table
of the traditional characters the bilingual term table and question words use."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

# Pairs of (traditional, simplified) characters; enough for the term table's words.
_PAIRS = (
    "網网線线碼码遠远辦办醫医療疗學学習习數数據据資资務务電电貧贫鄉乡縣县億亿萬万幾几麼么"
    "誰谁裡里時时為为這这個个們们與与國国華华內内貴贵東东聯联絡络計计寬宽帶带纖纤視视頻频"
    "參参動动發发開开會会議议報报協协體体長长點点擊击購购買买賣卖課课較较還还嗎吗門门區区"
    "級级陽阳術术機机構构義义業业項项關关係系貨货農农產产腦脑應应隨随變变讓让傳传無无掃扫"
    "場场總总統统戶户達达過过從从來来後后廣广測测實实現现驗验戰战勝胜勢势氣气書书寫写記记"
    "編编輯辑張张曉晓韓韩戶户碼码識识問问題题對对於于說说頭头單单親亲歲岁準准備备僅仅當当"
    "麼么呢呢則则剛刚幫帮雙双雲云聽听讀读邊边錢钱歡欢際际環环壓压輕轻熱热產产員员"
)
_TABLE = {ord(_PAIRS[i]): _PAIRS[i + 1] for i in range(0, len(_PAIRS) - 1, 2)}


@lru_cache(maxsize=1)
def _converter() -> Callable[[str], str]:
    try:  # imported lazily: only a Chinese question needs it
        import opencc  # type: ignore[import-not-found,unused-ignore]

        convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
        return convert
    except Exception:  # not installed, or its data missing: the small table will do
        return lambda text: text.translate(_TABLE)


def to_simplified(text: str) -> str:
    """The text with traditional characters written simplified."""
    return _converter()(text)
