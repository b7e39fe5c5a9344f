#include "lock_fixture.hpp"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "lock/read.hpp"
#include "lock/url.hpp"
#include "lock/write.hpp"

namespace gator::lock::test {

std::string fake_sha256(std::string_view seed) {
  // FNV-1a of the seed drives a 64-bit LCG; each step gives one hex digit.
  std::uint64_t state = 1469598103934665603ULL;
  for (const char c : seed)
    state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::string out;
  for (int i = 0; i < 64; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    out += "0123456789abcdef"[(state >> 59U) & 0xFU];
  }
  return out;
}

Wheel make_wheel(const WheelSpec& spec) {
  Wheel wheel;
  wheel.name = spec.name;
  wheel.url = spec.url;
  wheel.size = spec.size;
  if (!spec.upload_time.empty())
    wheel.upload_time = UploadTime::parse(spec.upload_time).value();
  wheel.hashes.sha256 = dist::Sha256::parse(fake_sha256(spec.name)).value();
  return wheel;
}

Package make_package(std::string_view name, std::string_view version, std::string_view index,
                     std::vector<Wheel> wheels, std::vector<std::string> dependencies) {
  Package package;
  package.name = std::string(name);
  package.version = pep440::Version::parse(version).value();
  package.index = std::string(index);
  package.wheels = std::move(wheels);
  for (std::string& dependency : dependencies)
    package.dependencies.push_back(Dependency{std::move(dependency), TomlValue::make_table()});
  return package;
}

Package pypi_package(std::string_view name, std::string_view version,
                     std::vector<std::string> dependencies) {
  std::string file_stem = std::string(name);
  for (char& c : file_stem)
    if (c == '-')
      c = '_';
  const std::string file = file_stem + "-" + std::string(version) + "-py3-none-any.whl";
  const std::string hash = fake_sha256(file);
  return make_package(
      name, version, "https://pypi.org/simple",
      {make_wheel({file,
                   "https://files.pythonhosted.org/packages/" + hash.substr(0, 2) + "/" +
                       hash.substr(2, 2) + "/" + hash.substr(4, 60) + "/" + file,
                   10'000 + file.size() * 1'000, "2024-05-21T14:00:05.123456Z"})},
      std::move(dependencies));
}

namespace {

[[nodiscard]] Wheel pypi_wheel(std::string_view file, std::uint64_t size, std::string upload) {
  const std::string hash = fake_sha256(std::string(file) + "/path");
  return make_wheel({std::string(file),
                     "https://files.pythonhosted.org/packages/" + hash.substr(0, 2) + "/" +
                         hash.substr(2, 2) + "/" + hash.substr(4, 60) + "/" + std::string(file),
                     size, std::move(upload)});
}

[[nodiscard]] Wheel pytorch_wheel(std::string_view file, std::uint64_t size) {
  std::string escaped;
  for (const char c : file)
    escaped += c == '+' ? std::string("%2B") : std::string(1, c);
  return make_wheel({std::string(file), "https://download.pytorch.org/whl/" + escaped, size, ""});
}

}  // namespace

Lockfile mi25_lock() {
  constexpr std::string_view k_pytorch = "https://download.pytorch.org/whl/rocm5.7";
  Lockfile lock;
  lock.environments = std::vector<pep508::Marker>{*target_marker("linux", "x86_64", "3.11")};
  lock.requires_python = pep440::SpecifierSet::parse("==3.11.*").value();
  lock.extras = std::vector<std::string>{};
  lock.dependency_groups = std::vector<std::string>{};
  lock.default_groups = std::vector<std::string>{};
  lock.created_by = "gator-provision";

  // Deliberately out of order: the writer sorts.
  lock.packages.push_back(make_package(
      "torch", "2.3.1+rocm5.7", k_pytorch,
      {pytorch_wheel("torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl", 2'124'436'581)},
      {"filelock", "fsspec", "jinja2", "networkx", "pytorch-triton-rocm", "sympy",
       "typing-extensions"}));
  lock.packages.back().requires_python = pep440::SpecifierSet::parse(">=3.8.0").value();
  lock.packages.push_back(make_package(
      "pytorch-triton-rocm", "2.3.1", k_pytorch,
      {pytorch_wheel("pytorch_triton_rocm-2.3.1-cp311-cp311-linux_x86_64.whl", 223'105'373)},
      {"filelock"}));
  lock.packages.push_back(make_package(
      "torchvision", "0.18.1+rocm5.7", k_pytorch,
      {pytorch_wheel("torchvision-0.18.1+rocm5.7-cp311-cp311-linux_x86_64.whl", 65'482'902)},
      {"numpy", "pillow", "torch"}));
  lock.packages.push_back(make_package(
      "numpy", "1.26.4", "https://pypi.org/simple",
      {pypi_wheel("numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                  18'297'134, "2024-02-05T23:51:50.123456Z"),
       pypi_wheel("numpy-1.26.4-cp311-cp311-manylinux_2_17_aarch64.manylinux2014_aarch64.whl",
                  14'220'587, "2024-02-05T23:51:18.5Z")}));
  lock.packages.back().requires_python = pep440::SpecifierSet::parse(">=3.9").value();
  lock.packages.push_back(make_package(
      "pillow", "10.3.0", "https://pypi.org/simple",
      {pypi_wheel("pillow-10.3.0-cp311-cp311-manylinux_2_28_x86_64.whl", 4'520'384,
                  "2024-04-01T12:19:10Z"),
       pypi_wheel("pillow-10.3.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                  4'332'000, "2024-04-01T12:19:05Z")}));
  lock.packages.back().requires_python = pep440::SpecifierSet::parse(">=3.8").value();
  lock.packages.push_back(
      pypi_package("transformers", "4.41.2",
                   {"filelock", "huggingface-hub", "numpy", "pyyaml", "safetensors", "tqdm"}));
  lock.packages.push_back(
      pypi_package("diffusers", "0.29.0", {"filelock", "huggingface-hub", "numpy", "pillow"}));
  lock.packages.push_back(
      pypi_package("accelerate", "0.31.0", {"huggingface-hub", "numpy", "pyyaml", "torch"}));
  lock.packages.push_back(
      pypi_package("huggingface-hub", "0.23.4", {"filelock", "fsspec", "pyyaml", "tqdm"}));
  lock.packages.push_back(make_package(
      "pyyaml", "6.0.1", "https://pypi.org/simple",
      {pypi_wheel("PyYAML-6.0.1-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                  757'894, "2023-07-18T00:00:06.77Z")}));
  lock.packages.push_back(make_package(
      "safetensors", "0.4.3", "https://pypi.org/simple",
      {pypi_wheel("safetensors-0.4.3-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                  1'215'000, "2024-04-15T09:12:44Z")}));
  lock.packages.push_back(pypi_package("filelock", "3.15.4"));
  lock.packages.push_back(pypi_package("fsspec", "2024.6.0"));
  lock.packages.push_back(pypi_package("tqdm", "4.66.4"));
  lock.packages.push_back(pypi_package("typing-extensions", "4.12.2"));
  lock.packages.push_back(pypi_package("networkx", "3.3"));
  lock.packages.push_back(pypi_package("sympy", "1.12.1", {"mpmath"}));
  lock.packages.push_back(pypi_package("mpmath", "1.3.0"));
  lock.packages.push_back(pypi_package("jinja2", "3.1.4", {"markupsafe"}));
  lock.packages.push_back(make_package(
      "markupsafe", "2.1.5", "https://pypi.org/simple",
      {pypi_wheel("MarkupSafe-2.1.5-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                  28'000, "2024-02-02T16:30:33Z")}));

  GatorFacts facts;
  facts.profile = "mi25";
  facts.profile_digest = dist::Sha256::parse(fake_sha256("profile mi25")).value();
  facts.target = TargetFacts{"3.11", "linux", "x86_64", "2.31"};
  facts.indexes = {IndexFact{"pytorch-rocm5.7", std::string(k_pytorch), true},
                   IndexFact{"pypi", "https://pypi.org/simple", false}};
  facts.sources = {{"pytorch-triton-rocm", "pytorch-rocm5.7"},
                   {"torch", "pytorch-rocm5.7"},
                   {"torchvision", "pytorch-rocm5.7"}};
  lock.gator = facts;
  return lock;
}

std::string written(const Lockfile& lockfile) {
  auto text = write_lockfile(lockfile);
  if (!text)
    throw std::runtime_error("write_lockfile failed:\n" + text.error().render("gator-provision"));
  return *text;
}

std::string read_error(std::string_view text) {
  const auto result = parse_lockfile(text, "pylock.test.toml");
  return result ? std::string() : result.error().render("gator-provision");
}

std::string golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(GATOR_LOCK_GOLDEN_DIR) + "/" + name;
  if (const char* update = std::getenv("GATOR_UPDATE_GOLDEN");
      update && std::string(update) == "1") {
    std::ofstream out(path, std::ios::binary);
    out << actual;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace gator::lock::test

namespace gator::lock::test {

std::string edited(std::string_view text, std::string_view from, std::string_view to) {
  std::string out(text);
  const std::size_t at = out.find(from);
  if (at == std::string::npos)
    throw std::runtime_error("edited(): text does not contain " + std::string(from));
  out.replace(at, from.size(), to);
  return out;
}

}  // namespace gator::lock::test
