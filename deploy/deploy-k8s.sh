#!/usr/bin/env bash
# Deploys an overlay of deploy/k8s to the cluster kubectl points at, with the images of one tag,
# then waits for the rollout.
#   deploy/deploy-k8s.sh --overlay monolith|cluster|auto --registry REGISTRY/PATH --tag TAG [--dry-run] [--timeout 300s]
#     auto: from Jenkins' TAG_NAME / BRANCH_NAME: a tag or branch starting with "monolith" -> monolith, else cluster
#   deploy/deploy-k8s.sh --overlay ... --rollback      (every Deployment back to its previous revision)
# Secrets: when COMMUNITY_JWT_SECRET (and DATASOURCES_DEFAULT_PASSWORD, USER_/RELATION_/CREATION_
# DATASOURCES_DEFAULT_PASSWORD, COMMUNITY_MAIL_SMTP_USERNAME/_PASSWORD) are set, the Secret
# "community-secrets" is created or updated from them first; otherwise it must exist.
# --dry-run renders the manifests to stdout and touches no cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
overlay="" registry="" tag="" dry="" timeout=300s rollback=""
while [ $# -gt 0 ]; do
  case $1 in
    --overlay) overlay=$2; shift 2 ;;
    --registry) registry=${2%/}; shift 2 ;;
    --tag) tag=$2; shift 2 ;;
    --timeout) timeout=$2; shift 2 ;;
    --dry-run) dry=1; shift ;;
    --rollback) rollback=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
if [ "$overlay" = auto ]; then
  case ${TAG_NAME:-${BRANCH_NAME:-}} in monolith*) overlay=monolith ;; *) overlay=cluster ;; esac
  echo "overlay: $overlay (from ${TAG_NAME:+tag $TAG_NAME}${TAG_NAME:-branch ${BRANCH_NAME:-?}})" >&2
fi
case $overlay in monolith) apps=(monolith) ;; cluster) apps=(user relation creation gateway) ;;
  *) echo "--overlay monolith|cluster is required" >&2; usage >&2; exit 2 ;; esac
ns=community

if [ -n "$rollback" ]; then
  for app in "${apps[@]}"; do
    if [ -n "$dry" ]; then echo "+ kubectl -n $ns rollout undo deployment/$app"; continue; fi
    kubectl -n "$ns" rollout undo "deployment/$app"
  done
  [ -n "$dry" ] || for app in "${apps[@]}"; do kubectl -n "$ns" rollout status "deployment/$app" --timeout="$timeout"; done
  exit 0
fi
[ -n "$registry" ] && [ -n "$tag" ] || { echo "--registry and --tag are required" >&2; usage >&2; exit 2; }

# a throw-away kustomization on top of the overlay that only pins the images
work=deploy/k8s/.rendered/$overlay
rm -rf "$work"; mkdir -p "$work"
{
  echo "apiVersion: kustomize.config.k8s.io/v1beta1"
  echo "kind: Kustomization"
  echo "bases:"
  echo "- ../../overlays/$overlay"
  echo "images:"
  for app in "${apps[@]}"; do
    echo "- name: community/$app"
    echo "  newName: $registry/$app"
    echo "  newTag: \"$tag\""
  done
} > "$work/kustomization.yaml"
kubectl kustomize "$work" > "$work/manifests.yaml"
if [ -n "$dry" ]; then cat "$work/manifests.yaml"; exit 0; fi

if [ -n "${COMMUNITY_JWT_SECRET:-}" ]; then
  kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
  # through a private file: values never appear on a command line
  secrets=$(mktemp); chmod 600 "$secrets"; trap 'rm -f "$secrets"' EXIT
  for key in COMMUNITY_JWT_SECRET DATASOURCES_DEFAULT_PASSWORD USER_DATASOURCES_DEFAULT_PASSWORD \
      RELATION_DATASOURCES_DEFAULT_PASSWORD CREATION_DATASOURCES_DEFAULT_PASSWORD \
      COMMUNITY_MAIL_SMTP_USERNAME COMMUNITY_MAIL_SMTP_PASSWORD COMMUNITY_CLUSTER_INTERNAL_SECRET; do
    if [ -n "${!key:-}" ]; then printf '%s=%s\n' "$key" "${!key}" >> "$secrets"; fi
  done
  kubectl -n "$ns" create secret generic community-secrets --from-env-file="$secrets" --dry-run=client -o yaml \
    | kubectl apply -f -
  rm -f "$secrets"
fi
kubectl apply -f "$work/manifests.yaml"
for app in "${apps[@]}"; do
  kubectl -n "$ns" rollout status "deployment/$app" --timeout="$timeout"
done
