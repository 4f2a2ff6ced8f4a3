using System;
using ChildProtection.Concerns.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Concerns.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    [DbContext(typeof(PostgresConcernsDbContext))]
    [Migration("20261206112219_Initial")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "concernReport",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceiptHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reporter = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    PlaceUnitId = table.Column<int>(type: "integer", nullable: true),
                    UnitId = table.Column<int>(type: "integer", nullable: true),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReferredTo = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: true),
                    AssignedTo = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AcknowledgeByUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SealedKey = table.Column<byte[]>(type: "bytea", nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    ErasedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concernReport", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "concernAttachment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concernAttachment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_concernAttachment_concernReport_ReportId",
                        column: x => x.ReportId,
                        principalTable: "concernReport",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "concernCaseEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Sealed = table.Column<byte[]>(type: "bytea", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concernCaseEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_concernCaseEntry_concernReport_ReportId",
                        column: x => x.ReportId,
                        principalTable: "concernReport",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_concernAttachment_ReportId",
                table: "concernAttachment",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_concernCaseEntry_ReportId_Id",
                table: "concernCaseEntry",
                columns: new[] { "ReportId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_concernReport_Key",
                table: "concernReport",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_concernReport_ReceiptHash",
                table: "concernReport",
                column: "ReceiptHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_concernReport_Status_AcknowledgeByUtc",
                table: "concernReport",
                columns: new[] { "Status", "AcknowledgeByUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_concernReport_UnitId_Status",
                table: "concernReport",
                columns: new[] { "UnitId", "Status" });

            // The case log is written once: no statement may change or remove a line of it.
            migrationBuilder.Sql("""
                CREATE FUNCTION concern_case_entry_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'The case log cannot be changed.'; END $$;
                CREATE TRIGGER concern_case_entry_immutable BEFORE UPDATE OR DELETE ON "concernCaseEntry"
                FOR EACH ROW EXECUTE FUNCTION concern_case_entry_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER concern_case_entry_immutable ON "concernCaseEntry"; DROP FUNCTION concern_case_entry_immutable();""");
            migrationBuilder.DropTable(
                name: "concernAttachment");

            migrationBuilder.DropTable(
                name: "concernCaseEntry");

            migrationBuilder.DropTable(
                name: "concernReport");
        }
    }
}
