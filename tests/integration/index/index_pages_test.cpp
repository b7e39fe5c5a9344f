// Project pages from nginx: PyPI-like HTML, PEP 691 JSON by content negotiation, 403/404 for
// missing projects, redirects, ETag revalidation and offline runs, many projects at once, and
// the index policy across a PyTorch-like and a PyPI-like index.
#include <set>

#include "index/finder.hpp"
#include "index/project_source.hpp"
#include "index_fixture.hpp"

namespace gator::index {
namespace {

using testing::fast_options;
using testing::filenames;
using testing::name;
namespace fs = std::filesystem;

class IndexPages : public test::NginxTest {
 protected:
  [[nodiscard]] Finder finder(http::Client& client, std::vector<IndexSpec> indexes,
                              std::map<pep508::PackageName, Pin> pins = {}) const {
    auto policy = IndexPolicy::create(std::move(indexes), std::move(pins));
    if (!policy)
      throw policy.error();
    return Finder(client, std::move(*policy));
  }
  [[nodiscard]] IndexSpec spec(std::string index_name, const std::string& url,
                               bool explicit_only = false) const {
    return {std::move(index_name), http::RedactedUrl::from(url), explicit_only};
  }
  // A PyPI-like page: files under /packages/aa/bb/<hash>/, linked relatively with their sha256.
  void pypi_project(const fs::path& root, const std::string& project,
                    const std::vector<std::pair<std::string, std::string>>& files,
                    const std::string& extra_attributes = "") {
    std::string html =
        "<!DOCTYPE html>\n<html><head><meta name=\"pypi:repository-version\" "
        "content=\"1.1\"><title>Links for " +
        project + "</title></head><body><h1>Links for " + project + "</h1>\n";
    for (const auto& [filename, content] : files) {
      const std::string digest = testing::sha256_of(content);
      const std::string path = "packages/" + digest.substr(0, 2) + "/" + digest.substr(2, 2) + "/" +
                               digest.substr(4, 20) + "/" + filename;
      write_file(root / path, content);
      html += "<a href=\"../../" + path + "#sha256=" + digest + "\"" + extra_attributes + ">" +
              filename + "</a><br />\n";
    }
    write_file(root / "simple" / project / "index.html", html + "</body></html>\n");
  }
};

TEST_F(IndexPages, PypiLikeHtmlPage) {
  const fs::path root = serve_dir();
  pypi_project(root, "demo",
               {{"demo-1.0-py3-none-any.whl", "wheel bytes"}, {"demo-1.0.tar.gz", "sdist bytes"}},
               " data-requires-python=\"&gt;=3.8, &lt;4\"");
  std::string page = read_file(root / "simple" / "demo" / "index.html");
  page.replace(page.find("</body>"), 0,
               "<a href=\"../../packages/yanked/demo-0.9-py3-none-any.whl\" "
               "data-yanked=\"broken &amp; withdrawn\">demo-0.9-py3-none-any.whl</a>\n");
  write_file(root / "simple" / "demo" / "index.html", page);

  http::Client client(fast_options());
  Finder f = finder(client, {spec("pypi", url_for(root / "simple"))});
  const ProjectFiles& demo = f.find(name("Demo"));
  EXPECT_EQ(demo.index_name, "pypi");
  EXPECT_EQ(demo.format, PageFormat::html);
  EXPECT_EQ(demo.page_url->display(), url_for(root / "simple" / "demo") + "/");
  ASSERT_EQ(filenames(demo),
            (std::vector<std::string>{"demo-1.0-py3-none-any.whl", "demo-1.0.tar.gz",
                                      "demo-0.9-py3-none-any.whl"}));
  const IndexFile& wheel = demo.files[0];
  EXPECT_EQ(wheel.hashes.sha256->to_string(), testing::sha256_of("wheel bytes"));
  EXPECT_EQ(wheel.requires_python_text, ">=3.8, <4");
  ASSERT_TRUE(wheel.requires_python);
  EXPECT_FALSE(wheel.requires_python->contains("3.7"));
  // The resolved URL serves the file.
  const http::Response file = client.fetch(http::Request{wheel.url()});
  EXPECT_EQ(file.body, "wheel bytes");
  EXPECT_EQ(demo.files[2].yanked, "broken & withdrawn");
  EXPECT_TRUE(demo.warnings.empty());
}

TEST_F(IndexPages, JsonChosenByContentNegotiation) {
  const fs::path root = serve_dir("negotiated");
  write_file(root / "simple" / "demo" / "index.html",
             "<a href=\"demo-1.0-py3-none-any.whl\">demo-1.0-py3-none-any.whl</a>\n");
  write_file(root / "simple" / "demo" / "index.pypi-json", R"({
    "meta": {"api-version": "1.1"}, "name": "demo", "versions": ["1.0", "2.0"],
    "files": [
      {"filename": "demo-1.0-py3-none-any.whl", "url": "demo-1.0-py3-none-any.whl",
       "hashes": {"sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
       "size": 11, "upload-time": "2024-06-05T16:02:41.123456Z", "core-metadata": true},
      {"filename": "demo-2.0-py3-none-any.whl", "url": "/files/demo-2.0-py3-none-any.whl",
       "hashes": {}, "yanked": "do not use", "requires-python": ">=3.12"}
    ]})");
  http::Client client(fast_options());
  Finder f = finder(client, {spec("pypi", url_for(root / "simple"))});
  const ProjectFiles& demo = f.find(name("demo"));
  EXPECT_EQ(demo.format, PageFormat::json);
  ASSERT_EQ(demo.files.size(), 2U);
  EXPECT_EQ(demo.files[0].size, 11U);
  EXPECT_EQ(demo.files[0].upload_time, "2024-06-05T16:02:41.123456Z");
  EXPECT_TRUE(demo.files[0].core_metadata);
  EXPECT_EQ(demo.files[0].url().display(),
            url_for(root / "simple" / "demo" / "demo-1.0-py3-none-any.whl"));
  EXPECT_EQ(demo.files[1].url().display(),
            server().base_url() + "/files/demo-2.0-py3-none-any.whl");
  EXPECT_EQ(demo.files[1].yanked, "do not use");

  // The same page to an HTML-only client is HTML: the server really negotiates.
  http::Request html{
      project_page_url(http::RedactedUrl::from(url_for(root / "simple")), name("demo"))};
  html.headers.push_back({"Accept", "text/html"});
  const http::Response response = client.fetch(html);
  EXPECT_EQ(response.header("content-type"), "text/html");
  const http::Response json = client.fetch(project_page_request(
      http::RedactedUrl::from(url_for(root / "simple")), name("demo"), http::CacheMode::bypass));
  EXPECT_EQ(json.header("content-type"), "application/vnd.pypi.simple.v1+json");
}

TEST_F(IndexPages, JsonOnlyIndex) {
  const fs::path root = serve_dir("jsononly");
  write_file(root / "demo" / "index.pypi-json",
             R"({"meta": {"api-version": "1.0"}, "name": "demo", "files": [
                 {"filename": "demo-1.0.tar.gz", "url": "demo-1.0.tar.gz", "hashes": {}}]})");
  http::Client client(fast_options());
  Finder f = finder(client, {spec("json", url_for(root))});
  EXPECT_EQ(f.find(name("demo")).format, PageFormat::json);
  EXPECT_EQ(filenames(f.find(name("demo"))), std::vector<std::string>{"demo-1.0.tar.gz"});
}

TEST_F(IndexPages, MissingProjects403And404) {
  const fs::path torch_root = serve_dir("forbidden");
  write_file(torch_root / "whl" / "torch" / "index.html",
             "<a href=\"/forbidden/" + test_name() +
                 "/whl/torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl\">torch</a>\n");
  const fs::path pypi_root = serve_dir();
  pypi_project(pypi_root, "numpy", {{"numpy-1.26.4.tar.gz", "numpy"}});
  http::Client client(fast_options());
  Finder f = finder(client,
                    {spec("pytorch", url_for(torch_root / "whl"), true),
                     spec("pypi", url_for(pypi_root / "simple"))},
                    {{name("torch"), {"pytorch", "profiles/mi25.toml:14"}},
                     {name("torchvision"), {"pytorch", "profiles/mi25.toml:14"}}});
  const std::vector<pep508::PackageName> projects{name("torch"), name("numpy"), name("nothere"),
                                                  name("torchvision")};
  f.prefetch(projects);
  EXPECT_EQ(f.find(name("torch")).index_name, "pytorch");
  EXPECT_EQ(filenames(f.find(name("torch"))),
            std::vector<std::string>{"torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl"});
  EXPECT_EQ(f.find(name("numpy")).index_name, "pypi");
  EXPECT_FALSE(f.find(name("nothere")).found());
  try {
    (void)f.find(name("torchvision"));
    FAIL() << "torchvision is pinned to an index that answers 403";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::resolution);
    EXPECT_EQ(std::string(error.what()),
              "torchvision is not on the index \"pytorch\" it is pinned to");
    EXPECT_EQ(error.causes().back(), "pinned at profiles/mi25.toml:14");
  }
  const auto forbidden = wait_for_logged_requests(test_name() + "/whl/torchvision/", 1);
  ASSERT_EQ(forbidden.size(), 1U);
  EXPECT_EQ(forbidden[0].status, 403);
  const auto missing = wait_for_logged_requests(test_name() + "/simple/nothere/", 1);
  ASSERT_EQ(missing.size(), 1U);
  EXPECT_EQ(missing[0].status, 404);
  EXPECT_TRUE(logged_requests(test_name() + "/whl/nothere/").empty())
      << "an explicit index is never asked for unpinned projects";
}

TEST_F(IndexPages, RedirectedPagesResolveLinksAgainstWhereTheyWereServed) {
  const fs::path root = serve_dir();
  write_file(root / "simple" / "demo" / "index.html",
             "<a href=\"../../files/demo-1.0.tar.gz\">demo-1.0.tar.gz</a>");
  write_file(root / "files" / "demo-1.0.tar.gz", "sdist");
  http::Client client(fast_options());
  const std::string moved = server().base_url() + "/moved/" + test_name() + "/simple";
  Finder f = finder(client, {spec("pypi", moved)});
  const ProjectFiles& demo = f.find(name("demo"));
  EXPECT_EQ(demo.page_url->display(), url_for(root / "simple" / "demo") + "/");
  ASSERT_EQ(demo.files.size(), 1U);
  EXPECT_EQ(demo.files[0].url().display(), url_for(root / "files" / "demo-1.0.tar.gz"));
  EXPECT_EQ(client.fetch(http::Request{demo.files[0].url()}).body, "sdist");
  const auto lines = wait_for_logged_requests("/moved/" + test_name(), 1);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].status, 301);
}

TEST_F(IndexPages, WarmRunsRevalidateAndOfflineRunsUseTheCache) {
  const fs::path root = serve_dir();
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 200; ++i)
    files.push_back({"demo-1." + std::to_string(i) + "-py3-none-any.whl", std::to_string(i)});
  pypi_project(root, "demo", files);
  http::ClientOptions options = fast_options();
  options.cache_dir = scratch_dir();
  const std::vector<IndexSpec> indexes{spec("pypi", url_for(root / "simple"))};
  {
    http::Client client(options);
    Finder f = finder(client, indexes);
    EXPECT_EQ(f.find(name("demo")).cache, http::CacheOutcome::stored);
    EXPECT_EQ(f.find(name("demo")).files.size(), 200U);
  }
  {
    http::Client client(options);
    Finder f = finder(client, indexes);
    const ProjectFiles& demo = f.find(name("demo"));
    EXPECT_EQ(demo.cache, http::CacheOutcome::revalidated);
    EXPECT_EQ(demo.files.size(), 200U);
  }
  const auto lines = wait_for_logged_requests(test_name() + "/simple/demo/", 2);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_EQ(lines[0].status, 200);
  EXPECT_GT(lines[0].body_bytes, 20000U);
  EXPECT_EQ(lines[1].status, 304);
  EXPECT_EQ(lines[1].body_bytes, 0U) << "a warm run must not download the page again";

  options.offline = true;
  http::Client offline(options);
  Finder f = finder(offline, indexes);
  const ProjectFiles& demo = f.find(name("demo"));
  EXPECT_EQ(demo.cache, http::CacheOutcome::served_offline);
  EXPECT_EQ(demo.files.size(), 200U);
  EXPECT_EQ(logged_requests(test_name() + "/simple/demo/").size(), 2U);
  try {
    (void)f.find(name("uncached"));
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::network);
    EXPECT_EQ(error.causes()[1], "offline mode, and the page is not in the HTTP cache");
  }
}

TEST_F(IndexPages, ManyProjectsInParallelThroughOneClient) {
  const fs::path root = serve_dir();
  std::vector<pep508::PackageName> projects;
  for (int i = 0; i < 40; ++i) {
    const std::string project = "project-" + std::to_string(i);
    pypi_project(root, project, {{"project_" + std::to_string(i) + "-1.0.tar.gz", "x"}});
    projects.push_back(name(project));
  }
  http::Client client(fast_options());
  Finder f = finder(client, {spec("pypi", url_for(root / "simple"))});
  const auto started = std::chrono::steady_clock::now();
  f.prefetch(projects);
  const auto elapsed = std::chrono::steady_clock::now() - started;
  for (const auto& project : projects)
    EXPECT_EQ(f.find(project).files.size(), 1U) << project.str();
  const auto lines = wait_for_logged_requests(test_name() + "/simple/", 40);
  EXPECT_EQ(lines.size(), 40U);
  std::set<std::uint64_t> connections;
  for (const auto& line : lines)
    connections.insert(line.connection);
  EXPECT_LE(connections.size(), 16U) << "one client: at most max_concurrency connections";
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(IndexPages, PolicyAcrossAPytorchLikeAndAPypiLikeIndex) {
  // PyTorch-like: HTML only, explicit, files one folder up with '+' as %2B, listed in
  // sub-indexes, a copy of numpy with a "better" platform tag, 403 for missing projects.
  const fs::path torch_root = serve_dir("forbidden");
  const std::string whl = "/forbidden/" + test_name() + "/whl/";
  const auto torch_link = [&](const std::string& file) {
    std::string escaped = file;
    for (std::size_t at = escaped.find('+'); at != std::string::npos; at = escaped.find('+', at))
      escaped.replace(at, 1, "%2B");
    write_file(torch_root / "whl" / file, "torch-like bytes of " + file);
    return "<a href=\"" + whl + escaped +
           "#sha256=" + testing::sha256_of("torch-like bytes of " + file) + "\">" + file +
           "</a><br/>\n";
  };
  write_file(torch_root / "whl" / "rocm5.7" / "torch" / "index.html",
             torch_link("torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl") +
                 torch_link("torch-2.2.0+rocm5.7-cp311-cp311-linux_x86_64.whl"));
  write_file(torch_root / "whl" / "rocm5.7" / "numpy" / "index.html",
             torch_link("numpy-1.26.4-cp311-cp311-manylinux_2_28_x86_64.whl"));
  // PyPI-like: a higher-version decoy of the pinned torch, and numpy.
  const fs::path pypi_root = serve_dir();
  pypi_project(pypi_root, "torch", {{"torch-2.5.0-cp311-cp311-manylinux_2_17_x86_64.whl", "d"}});
  pypi_project(
      pypi_root, "numpy",
      {{"numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl", "n"}, {"numpy-1.26.4.tar.gz", "s"}});
  // A later non-explicit index with a "better" numpy: never consulted for numpy.
  const fs::path extra_root = pypi_root / "extra";
  write_file(extra_root / "numpy" / "index.html",
             "<a href=\"numpy-9.9.9-cp311-cp311-manylinux_2_17_x86_64.whl\">n</a>");
  write_file(extra_root / "extra-only" / "index.html",
             "<a href=\"extra_only-1.0-py3-none-any.whl\">e</a>");

  http::Client client(fast_options());
  Finder f =
      finder(client,
             {spec("pytorch-rocm5.7", url_for(torch_root / "whl" / "rocm5.7"), true),
              spec("pypi", url_for(pypi_root / "simple")), spec("extra", url_for(extra_root))},
             {{name("torch"), {"pytorch-rocm5.7", "profiles/mi25.toml:14"}}});
  const std::vector<pep508::PackageName> projects{name("torch"), name("numpy"), name("extra-only")};
  f.prefetch(projects);
  const ProjectFiles& torch = f.find(name("torch"));
  EXPECT_EQ(torch.index_name, "pytorch-rocm5.7");
  EXPECT_EQ(filenames(torch),
            (std::vector<std::string>{"torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl",
                                      "torch-2.2.0+rocm5.7-cp311-cp311-linux_x86_64.whl"}));
  EXPECT_EQ(torch.files[0].url().display(),
            server().base_url() + whl + "torch-2.3.1%2Brocm5.7-cp311-cp311-linux_x86_64.whl");
  EXPECT_EQ(client.fetch(http::Request{torch.files[0].url()}).body,
            "torch-like bytes of torch-2.3.1+rocm5.7-cp311-cp311-linux_x86_64.whl");
  const ProjectFiles& numpy = f.find(name("numpy"));
  EXPECT_EQ(numpy.index_name, "pypi");
  EXPECT_EQ(numpy.searched, std::vector<std::string>{"pypi"});
  EXPECT_EQ(filenames(numpy),
            (std::vector<std::string>{"numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.whl",
                                      "numpy-1.26.4.tar.gz"}));
  EXPECT_EQ(f.find(name("extra-only")).index_name, "extra");
  EXPECT_TRUE(logged_requests(test_name() + "/simple/torch/").empty())
      << "a pinned project is never looked up elsewhere";
  EXPECT_TRUE(logged_requests(test_name() + "/whl/rocm5.7/numpy/").empty());
  EXPECT_TRUE(logged_requests(test_name() + "/extra/numpy/").empty());
  EXPECT_EQ(wait_for_logged_requests(test_name() + "/extra/extra-only/", 1).size(), 1U);
}

}  // namespace
}  // namespace gator::index
