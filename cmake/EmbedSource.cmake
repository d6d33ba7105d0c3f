# Writes OUT, a C++ file defining `extern const char wkb::detail::<SYMBOL>[]`
# from the text of IN (used for sdk/lua/wkb.lua).
file(READ ${IN} text)
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace wkb::detail {\nextern const char ${SYMBOL}[];\nconst char ${SYMBOL}[] = R\"wkbembed(${text})wkbembed\";\n}\n")
