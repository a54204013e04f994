// `hush secrets list` and `hush secrets due`: flags in, hush::list_secrets() out. Never values.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/command.hpp"
#include "cli/context.hpp"
#include "cli/secrets_common.hpp"
#include "core/base/clock.hpp"
#include "core/base/text.hpp"
#include "core/sidecar/sidecar.hpp"

namespace hush::cli {
namespace {

struct ListFlags {
  std::string format = "table";
  std::string tag;
  std::string expiring;  // only secrets expired or expiring within this window
  std::string window = "14d";
  bool due = false;  // `hush secrets due`
};

ExitStatus run_list(const ListFlags& flags, const Context& ctx) {
  const Sidecar sidecar = ctx.session().open_store().sidecar();
  ListFilter filter;
  filter.now = system_clock()();
  filter.expiring_window = parse_duration(flags.expiring.empty() ? flags.window : flags.expiring);
  if (!flags.tag.empty()) filter.tag = flags.tag;
  filter.selection = flags.due ? ListSelection::due : ListSelection::all;
  std::vector<SecretListing> listings = list_secrets(sidecar, filter);
  if (!flags.expiring.empty()) {
    std::erase_if(listings, [](const SecretListing& l) {
      return l.status != SecretStatus::expired && l.status != SecretStatus::expiring;
    });
  }
  ctx.console().out(flags.format == "json" ? listings_json(listings) : listings_table(listings));
  const bool any_expired = std::any_of(listings.begin(), listings.end(), [](const auto& l) {
    return l.status == SecretStatus::expired;
  });
  return flags.due && any_expired ? ExitStatus::findings : ExitStatus::ok;
}

CLI::App* add_listing(CLI::App& secrets, const std::shared_ptr<ListFlags>& flags, const char* name,
                      const char* help) {
  CLI::App* app = secrets.add_subcommand(name, help);
  app->add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  app->add_option("--tag", flags->tag, "Only secrets with this tag");
  return app;
}

}  // namespace

Command add_secrets_list_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<ListFlags>();
  CLI::App* app = add_listing(secrets, flags, "list", "Names and metadata, never values");
  app->add_option("--expiring", flags->expiring, "Only secrets expired or expiring within 7d");
  return {app, [flags, &ctx] { return run_list(*flags, ctx); }};
}

Command add_secrets_due_command(CLI::App& secrets, Context& ctx) {
  auto flags = std::make_shared<ListFlags>();
  flags->due = true;
  CLI::App* app = add_listing(secrets, flags, "due",
                              "Secrets expired, expiring or past rotate_every; exit 1 if any "
                              "expired");
  app->add_option("--within", flags->window, "The expiring window (default 14d)");
  return {app, [flags, &ctx] { return run_list(*flags, ctx); }};
}

}  // namespace hush::cli
