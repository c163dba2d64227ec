# scrawl serve in a container: the reading API and web page on port 5080 (see the README, "Serving").
#   docker build -t scrawl .
#   docker run --rm -p 5080:5080 scrawl                       # then open http://localhost:5080/
#   docker run --rm -p 5080:5080 -v "$PWD/key.txt:/run/secrets/scrawl-key:ro" scrawl --api-key-file /run/secrets/scrawl-key
# Arguments after the image name are passed to `scrawl serve` (e.g. --max-concurrency 4 --queue 32).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Scrawl.Cli/Scrawl.Cli.csproj -c Release -o /app --nologo \
 && test -f /app/models/charmodel.scrawl

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# Inside the container, listen on every interface; publish the port with -p to choose who can reach it.
EXPOSE 5080
USER $APP_UID
ENTRYPOINT ["dotnet", "/app/scrawl.dll", "serve", "--urls", "http://0.0.0.0:5080"]
