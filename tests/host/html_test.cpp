// The one HTML escaper of every page the host writes (dossier, melding,
// the TloKB's reports): plugin and user text never becomes markup.
#include <gtest/gtest.h>

#include "wkb/host/html.hpp"

using wkb::host::html_escape;

TEST(HtmlEscape, EveryCharacterWithMeaningInHtmlBecomesAnEntity) {
  EXPECT_EQ(html_escape("&"), "&amp;");
  EXPECT_EQ(html_escape("<"), "&lt;");
  EXPECT_EQ(html_escape(">"), "&gt;");
  EXPECT_EQ(html_escape("\""), "&quot;");
  EXPECT_EQ(html_escape("'"), "&#39;");
  EXPECT_EQ(html_escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
}

TEST(HtmlEscape, OtherTextIsLeftAsItIs) {
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("Brandscheiding < 5 m"), "Brandscheiding &lt; 5 m");
  EXPECT_EQ(html_escape("coördinatie, ruwbouw; 12A-2"), "coördinatie, ruwbouw; 12A-2");  // UTF-8 passes through
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // text, not markup: escaped again
}
