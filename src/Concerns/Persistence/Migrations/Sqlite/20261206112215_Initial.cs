using System;
using ChildProtection.Concerns.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Concerns.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    [DbContext(typeof(SqliteConcernsDbContext))]
    [Migration("20261206112215_Initial")]
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "concernReport",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reporter = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<int>(type: "INTEGER", nullable: false),
                    PlaceUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    Urgency = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferredTo = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgeByUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SealedKey = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ErasedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_concernReport", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "concernAttachment",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Sealed = table.Column<byte[]>(type: "BLOB", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sealed = table.Column<byte[]>(type: "BLOB", nullable: true)
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
            migrationBuilder.Sql("CREATE TRIGGER concernCaseEntry_no_update BEFORE UPDATE ON concernCaseEntry BEGIN SELECT RAISE(ABORT, 'The case log cannot be changed.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER concernCaseEntry_no_delete BEFORE DELETE ON concernCaseEntry BEGIN SELECT RAISE(ABORT, 'The case log cannot be changed.'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER concernCaseEntry_no_update;");
            migrationBuilder.Sql("DROP TRIGGER concernCaseEntry_no_delete;");
            migrationBuilder.DropTable(
                name: "concernAttachment");

            migrationBuilder.DropTable(
                name: "concernCaseEntry");

            migrationBuilder.DropTable(
                name: "concernReport");
        }
    }
}
