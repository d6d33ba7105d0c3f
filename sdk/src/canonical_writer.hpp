#pragma once
// Writes canonical JSON straight from the typed messages, without building a
// Boost.JSON tree first: the boundary serialises every message several times
// per pipeline, and the tree's allocations were most of that cost
// (docs/performance.md). Output is byte-identical to
// serialize_canonical(to_json(x)); tests/sdk/codec_test.cpp holds them equal.
#include <string>
#include <string_view>
#include <vector>

namespace wkb::detail {

void append_escaped(std::string& out, std::string_view s);
void append_number(std::string& out, double d);

class CanonicalWriter {
 public:
  explicit CanonicalWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // Members must come in byte order of their keys, as canonical JSON sorts
  // them; a key out of order is a programming error and throws in debug builds.
  void key(std::string_view k);

  void value(std::string_view s) {
    separate();
    append_escaped(out_, s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(long long n) {
    separate();
    out_ += std::to_string(n);
  }
  void value(int n) { value(static_cast<long long>(n)); }
  void value(double d) {
    separate();
    append_number(out_, d);
  }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void strings(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& s : list) value(s);
    end_array();
  }

 private:
  struct Level {
    bool first = true;
    bool after_key = false;
    std::string_view last_key;
  };
  void separate();
  void open(char c);
  void close(char c);

  std::string& out_;
  std::vector<Level> levels_;
};

}  // namespace wkb::detail
