# The production image: the server compiled to JavaScript (npm run build:server, which also builds
# the workflow bundle) and the built editor, on production dependencies only, run by plain node as
# a non-root user. The same image runs the API (default) and workers (`node app/main.js worker`).

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm run build:server

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
# A CJK font for the daily report's PDF (REPORT_FONT's default path).
RUN apt-get update -q && apt-get install -y -q --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist/server ./
COPY --from=build /src/dist/editor ./dist/editor
# DATA_DIR (./data) must be writable by the user the app runs as.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "app/main.js", "api"]
