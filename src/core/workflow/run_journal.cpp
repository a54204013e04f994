// --log-file: one record per run, as text lines or one JSON object per line.
#include "core/workflow/run_journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <hush/error.hpp>

#include "core/base/clock.hpp"
#include "core/base/fdio.hpp"
#include "core/base/json.hpp"
#include "core/base/text.hpp"

namespace hush {
namespace {

std::string text_record(
    const std::string& command, int exit_status, long long duration_ms,
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>&
        events,
    const Console& console) {
  std::string out = format_time(system_clock()()) + " hush " + command +
                    " exit=" + std::to_string(exit_status) +
                    " duration_ms=" + std::to_string(duration_ms) + "\n";
  for (const auto& [event, fields] : events) {
    out += "  " + event;
    for (const auto& [key, value] : fields) out += " " + key + "=" + value;
    out += "\n";
  }
  for (const std::string& message : console.journal()) out += "  message " + message + "\n";
  out += "  summary events=" + std::to_string(events.size()) +
         " errors=" + std::to_string(console.errors()) +
         " warnings=" + std::to_string(console.warnings()) + "\n";
  return out;
}

// One JSON object on one line (JSON Lines), so a log file holds one record per run.
std::string json_record(
    const std::string& command, int exit_status, long long duration_ms,
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>&
        events,
    const Console& console) {
  Json items = Json::array();
  for (const auto& [event, fields] : events) {
    Json item = {{"event", event}};
    for (const auto& [key, value] : fields) item[key] = value;
    items.push_back(std::move(item));
  }
  const Json record = {{"time", format_time(system_clock()())},
                       {"command", command},
                       {"exit", exit_status},
                       {"duration_ms", duration_ms},
                       {"events", std::move(items)},
                       {"messages", console.journal()},
                       {"summary",
                        {{"events", events.size()},
                         {"errors", console.errors()},
                         {"warnings", console.warnings()}}}};
  return record.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

void RunJournal::write_log(const std::string& path, const std::string& format,
                           const std::string& command, int exit_status, long long duration_ms,
                           Console& console) const {
  if (path.empty()) return;
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> events;
  for (const LogEvent& e : m_events) events.emplace_back(e.event, e.fields);
  const std::string record = format == "json"
                                 ? json_record(command, exit_status, duration_ms, events, console)
                                 : text_record(command, exit_status, duration_ms, events, console);
  // Neither copy is wiped: the record holds names only and the masked copy is what the file gets.
  const std::string masked = console.redact(record);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Error(ErrorKind::io, "log-failed",
                "cannot write the log " + path + ": " + std::strerror(errno));
  }
  const bool ok = write_all(fd, masked);
  ::close(fd);
  if (!ok) throw Error(ErrorKind::io, "log-failed", "cannot write the log " + path);
}

}  // namespace hush
