// Embedding hush: render a config whose references come from an encrypted sidecar and the
// environment, using only <hush/hush.hpp>. Run as `embed DIR`: it writes its files into DIR.
#include <filesystem>
#include <fstream>
#include <hush/hush.hpp>
#include <iostream>
#include <vector>

namespace {

int run(const std::filesystem::path& dir) {
  std::ofstream(dir / "config.yaml") << "services:\n"
                                        "  - name: database\n"
                                        "    env:\n"
                                        "      DB_PASSWORD: ${DB_PASSWORD}\n"
                                        "      REGION: ${REGION}\n";
  hush::SidecarFile sidecar =
      hush::SidecarFile::create(dir / "config.secrets.yaml", {.keys_dir = dir / "keys"});
  sidecar.add({.name = "DB_PASSWORD", .type = "password", .value = hush::SecretValue("pg-8hX2")});

  const hush::Template config = hush::Template::load(dir / "config.yaml");
  for (const hush::Template::Reference& ref : config.references()) {
    std::cout << hush::to_string(ref.where) << ": " << ref.token << " in " << ref.scope << "\n";
  }
  std::vector<hush::NamedSecret> environment;
  environment.push_back({"REGION", hush::SecretValue("eu-west-1")});
  hush::SecretResolver resolver = hush::ResolverBuilder()
                                      .sidecar(std::move(sidecar), {.keys_dir = dir / "keys"})
                                      .environment(environment)
                                      .build();
  const hush::Rendering out = hush::render(config, resolver, {.format = hush::RenderFormat::env});
  for (const hush::Finding& f : out.findings) std::cerr << hush::to_string(f) << "\n";
  if (!out.ok()) return 1;
  std::cout << out.text.reveal();  // the product: the only output that carries values
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed DIR\n";
    return 2;
  }
  try {
    return run(argv[1]);
  } catch (const hush::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}
