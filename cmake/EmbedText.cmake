# Writes OUT, a C++ file defining wkb::detail::kTaxonomyJson from the text of IN.
file(READ ${IN} text)
# A raw string literal with a delimiter the data cannot contain.
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace wkb::detail {\nextern const char kTaxonomyJson[];\nconst char kTaxonomyJson[] = R\"wkbtaxonomy(${text})wkbtaxonomy\";\n}\n")
