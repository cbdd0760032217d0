# mannrl in a container: `docker build -t mannrl .` then
#   docker run --rm -v "$PWD/runs:/work/runs" -v /path/to/data:/data mannrl train --data-dir /data
# (no arguments: trains the built-in logic config on generated data inside the container).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/MannRl.Cli -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /work
COPY --from=build /app /app
ENV NM_DATA_DIR=/work/data
ENTRYPOINT ["/app/mannrl"]
CMD ["train"]
