#!/usr/bin/env bash
# Builds a childctl release: the NativeAOT childctl and childctl-sandbox for linux-x64, packed into a versioned
# archive with SHA-256 checksums, plus a krew plugin manifest and a Homebrew formula that point at the archives.
#
#   scripts/release.sh [--version X.Y.Z] [--out DIR] [--base-url URL] [--from DIR]
#
#   --version   the version to stamp (default: from git, as every build: the tag vX.Y.Z on HEAD, else a dev version)
#   --out       where the release files go (default: artifacts/release/<version>)
#   --base-url  where the archives will be downloadable; the manifests point there
#               (default: $CHILDCTL_RELEASE_BASE_URL, else https://github.com/OWNER/childctl/releases/download/v<version>)
#   --from      package binaries already published into DIR instead of publishing (what the tests do)
#
# What this machine cannot build, and a CI release job would add (one runner each, same steps, then one combined
# checksums file and the extra platforms in the two manifests):
#   - darwin-amd64, darwin-arm64: NativeAOT does not cross-compile between operating systems; needs a macOS runner
#     with the Xcode command line tools (dotnet publish -r osx-x64 / osx-arm64).
#   - linux-arm64: needs an arm64 runner, or a cross toolchain and sysroot (clang, lld, an aarch64 sysroot).
#   - windows-amd64: needs a Windows runner (dotnet publish -r win-x64); krew and winget would take that zip.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="" out="" from="" base_url="${CHILDCTL_RELEASE_BASE_URL:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --version) version="${2:?--version needs a value}"; shift 2 ;;
        --out) out="${2:?--out needs a folder}"; shift 2 ;;
        --base-url) base_url="${2:?--base-url needs a URL}"; shift 2 ;;
        --from) from="${2:?--from needs a folder}"; shift 2 ;;
        -h | --help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see scripts/release.sh --help)" >&2; exit 2 ;;
    esac
done
if [ -n "$version" ] && ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$ ]]; then
    echo "error: --version '$version' is not a SemVer version such as 1.2.3" >&2
    exit 2
fi

rid=linux-x64 os=linux arch=amd64
if [ -z "$from" ]; then
    from="$root/artifacts/release-build/$rid"
    rm -rf "$from"
    for project in Childctl.Cli Childctl.Sandbox; do
        echo "publishing $project for $rid..." >&2
        dotnet publish "$root/src/$project/$project.csproj" -c Release -r "$rid" -o "$from" -nologo -v q \
            ${version:+-p:ChildctlVersion="$version"} >&2
    done
fi
for binary in childctl childctl-sandbox; do
    [ -x "$from/$binary" ] || { echo "error: $from/$binary is missing or not executable" >&2; exit 1; }
done

stamped="$("$from/childctl" version --client)"
stamped="${stamped#Client Version: v}"
if [ -n "$version" ] && [ "$stamped" != "$version" ]; then
    echo "error: the binaries in $from say they are $stamped, not $version" >&2
    exit 1
fi
version="$stamped"
out="${out:-$root/artifacts/release/$version}"
base_url="${base_url:-https://github.com/OWNER/childctl/releases/download/v$version}"
mkdir -p "$out"

archive="childctl_${version}_${os}_${arch}.tar.gz"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$from/childctl" "$from/childctl-sandbox" "$root/README.md" "$stage/"
mkdir -p "$stage/completion"
for shell in bash zsh fish; do
    "$from/childctl" completion "$shell" > "$stage/completion/childctl.$shell"
done
# A reproducible archive: fixed order, owner and modification time.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00Z' -C "$stage" -cf - . | gzip -n -9 > "$out/$archive"
sha="$(cd "$out" && sha256sum "$archive" | tee "checksums.txt" | cut -d' ' -f1)"

cat > "$out/childctl.yaml" <<YAML
# krew plugin manifest: kubectl krew install --manifest=childctl.yaml
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: childctl
spec:
  version: v$version
  homepage: https://k0rdent.io
  shortDescription: Operate k0rdent child clusters, with an append-only history
  description: |
    childctl creates, waits for, watches, scales, upgrades and deletes k0rdent child clusters (ClusterDeployments),
    reading all state live from the management cluster and keeping an append-only history of who did what and why.
    Run it as kubectl childctl.
  platforms:
  - selector:
      matchLabels:
        os: $os
        arch: $arch
    uri: $base_url/$archive
    sha256: $sha
    bin: childctl
    files:
    - from: childctl
      to: .
    - from: childctl-sandbox
      to: .
    - from: completion/*
      to: completion
YAML

cat > "$out/childctl.rb" <<RUBY
# Homebrew formula: brew install ./childctl.rb
class Childctl < Formula
  desc "Operate k0rdent child clusters, with an append-only history"
  homepage "https://k0rdent.io"
  version "$version"

  on_linux do
    on_intel do
      url "$base_url/$archive"
      sha256 "$sha"
    end
  end

  def install
    bin.install "childctl", "childctl-sandbox"
    bin.install_symlink "childctl" => "kubectl-childctl"
    bin.install_symlink "childctl" => "kubectl_complete-childctl"
    bash_completion.install "completion/childctl.bash" => "childctl"
    zsh_completion.install "completion/childctl.zsh" => "_childctl"
    fish_completion.install "completion/childctl.fish"
  end

  test do
    assert_match "childctl #{version}", shell_output("#{bin}/childctl version")
  end
end
RUBY

echo "release $version in $out:" >&2
(cd "$out" && ls -1 "$archive" checksums.txt childctl.yaml childctl.rb) >&2
